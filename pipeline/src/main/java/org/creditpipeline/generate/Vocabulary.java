package org.creditpipeline.generate;

/** Name parts and text fragments; only characters GBK can encode. */
final class Vocabulary {

    private Vocabulary() {
    }

    // Frequent surnames first; picking with a skew yields many homonyms, as in real data.
    static final String[] SURNAMES = split("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 欧阳 司马");
    static final String[] GIVEN = split("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀兰 霞 平 刚 桂英 华 红 建华 建国 志强 国强 文 斌 宇 浩 凯 鹏 辉 玲 婷 雪 琳 晨 欣 子涵 梓轩 一鸣 海燕 晓东 小红 春梅 德明 永刚 建军 丹 倩 颖 俊 帅 亮 林 峰 波 燕 桂兰 玉兰 秀英 淑珍 金凤 立新 卫东 振华 红梅 海涛 晓明 国华 建平 文静 思远 佳怡 浩然");
    static final String[] SHOP_NAMES = split("华信 东方 恒达 金鑫 宏远 新世纪 长城 鑫源 天成 博雅 瑞丰 盛世 龙腾 兴业 顺达 汇丰 永安 安康 嘉禾 锦绣 中兴 广源 凯达 万通 力拓 星海 明辉 佳美 德润 景泰 丰华 诚信 和谐 远航 腾飞 新宇 宏图 创新 同心 海纳");
    static final String[] INDUSTRIES = split("科技 贸易 建设工程 食品 餐饮管理 物流 商贸 机械设备 环保科技 房地产开发 建材 电子 医药 农业发展 文化传媒 装饰工程 物业管理 化工 纺织 运输 网络科技 教育咨询 劳务 汽车服务 电力工程");
    static final String[] LEGAL_FORMS = split("有限公司 有限责任公司 股份有限公司 有限公司 有限责任公司 集团有限公司");
    static final String[] SHOP_TRADES = split("小吃店 便利店 餐馆 五金店 理发店 水果店 烟酒店 超市 面馆 汽修店 建材经营部 服装店");
    static final String[] INSTITUTIONS = split("人民医院 第一中学 实验小学 疾病预防控制中心 不动产登记中心 融媒体中心 中医院 职业技术学校 城市管理综合执法大队 公共资源交易中心");
    static final String[] TOWNS = split("城关镇 城东街道 城西街道 新城街道 长安街道 王集镇 新河镇 高桥镇 东风乡 石桥镇");
    static final String[] BODIES = split("人民政府 财政局 教育局 住房和城乡建设局 自然资源局 交通运输局 水利局 农业农村局 卫生健康委员会 民政局 人力资源和社会保障局 市场监督管理局 生态环境局 应急管理局 城市管理局");
    static final String[] POSITIONS = split("科员 一级科员 四级主任科员 副科长 科长 副主任 主任 副局长 局长 副镇长 镇长 所长 站长 副主任科员");
    static final String[] SANCTION_KINDS = split("警告 记过 记大过 降级 撤职 开除");
    static final String[] SEVERITIES = {"轻微", "一般", "严重", ""};
    static final String[] ACCOUNT_FORMS_PERSON = split("通报 诫勉 责令公开道歉 停职检查 调整职务 责令辞职 降职 免职");
    static final String[] ACCOUNT_FORMS_BODY = split("通报 检查 改组");
    static final String[] SANCTION_FACTS = {
        "违反中央八项规定精神，违规收受礼品礼金", "工作严重不负责任，造成国有资产损失", "违规发放津贴补贴",
        "在项目审批中为他人谋取利益", "违规操办婚丧喜庆事宜", "公车私用", "履职不力，导致群众利益受损",
        "虚报冒领专项资金"};
    static final String[] SANCTION_BASES = {
        "《中华人民共和国公职人员政务处分法》第三十三条", "《行政机关公务员处分条例》第二十条",
        "《中国共产党纪律处分条例》第一百零二条", "《中华人民共和国公务员法》第五十九条"};
    static final String[] ACCOUNT_FACTS = {
        "落实安全生产责任不力，辖区发生较大事故", "信访问题处置不当，造成不良影响", "政府信息公开工作不到位",
        "违规举债，形成政府债务风险", "环境污染问题整改不力", "拖欠企业账款，损害营商环境", "疫情防控措施落实不到位"};
    static final String[] ACCOUNT_BASES = {
        "《中国共产党问责条例》第七条", "《关于实行党政领导干部问责的暂行规定》第五条",
        "《中华人民共和国监察法》第四十五条"};

    /** Penalty authority department, its 文号 word and typical violations. */
    record Department(String name, String docWord, String[] violations, String basis) {
    }

    static final Department[] DEPARTMENTS = {
        new Department("市场监督管理局", "市监处罚", split("销售不合格产品 虚假宣传 无照经营 未按规定公示年度报告 销售过期食品"),
                "《中华人民共和国产品质量法》第四十九条"),
        new Department("生态环境局", "环罚字", split("超标排放大气污染物 未批先建 未按规定贮存危险废物 废水直排"),
                "《中华人民共和国大气污染防治法》第九十九条"),
        new Department("应急管理局", "应急罚", split("未按规定开展安全培训 未如实记录安全生产教育 安全设施不符合要求"),
                "《中华人民共和国安全生产法》第九十七条"),
        new Department("交通运输局", "交罚", split("未取得道路运输经营许可 超限运输 擅自改装营运车辆"),
                "《中华人民共和国道路运输条例》第六十三条"),
        new Department("城市管理局", "城管罚", split("擅自占用城市道路 违法建设 随意倾倒建筑垃圾"),
                "《城市市容和环境卫生管理条例》第三十六条"),
        new Department("卫生健康委员会", "卫医罚", split("非医师行医 未取得医疗机构执业许可证 公共场所卫生不合格"),
                "《中华人民共和国基本医疗卫生法》第九十九条"),
        new Department("自然资源局", "自然资罚", split("非法占用土地 未经批准擅自采矿 违法转让土地使用权"),
                "《中华人民共和国土地管理法》第七十七条"),
        new Department("住房和城乡建设局", "建罚", split("未取得施工许可证擅自施工 违法分包 未按规定办理竣工验收备案"),
                "《建设工程质量管理条例》第五十七条")};

    static final String[] ADMIN_CAUSES = split("行政处罚 行政强制 政府信息公开 行政赔偿 土地行政征收 行政协议 行政不作为");
    static final String[] CIVIL_CAUSES = split("建设工程施工合同纠纷 买卖合同纠纷 劳动争议 借款合同纠纷 租赁合同纠纷");
    static final String[] CRIMINAL_CAUSES = split("受贿罪 贪污罪 滥用职权罪 玩忽职守罪 挪用公款罪");

    private static String[] split(String s) {
        return s.split(" ");
    }
}
