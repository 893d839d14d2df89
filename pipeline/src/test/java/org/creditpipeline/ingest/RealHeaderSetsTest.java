package org.creditpipeline.ingest;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.creditpipeline.ingest.mapping.ColumnMapping;
import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.read.SourceRow;
import org.creditpipeline.ingest.read.SourceTable;
import org.creditpipeline.ingest.read.UnreadableSourceException;
import org.creditpipeline.model.CreditRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Header sets of 司法判决, 失信被执行人, 纪律处分 and 问责处理 lists as courts, 执行信息公开网 exports, local credit platforms,
 * 政府机构失信 campaigns, 纪委监委 notices and county offices publish them, none of which the project has seen: each
 * file goes through the real choice of mapping (no sheet, title or telling file name: the headers alone decide) and the
 * real normalisation of one data row. A header that means something else (申请执行人, 原告, 法定代表人身份证号,
 * 出生日期, 作出执行依据单位) must feed no field or another one, and a file whose required column is not there fails
 * with the message that names it rather than being guessed.
 *
 * <p>Each row: the mapping expected (or {@code FAIL}), the header line, one data line, and expectations separated by
 * {@code ;} (a {@code ;} inside a value, as in a list, stays): {@code field=value} for the stored record ({@code field=} for nothing), {@code field<-header} for the column
 * feeding a mapping field, {@code -header} for a column no field takes, {@code rejected=CODE} for a row rejected with
 * that reason (it has no record: only its columns are checked); for {@code FAIL}, fragments of the failure message.
 */
class RealHeaderSetsTest {

    private static final MappingCatalog CATALOG = MappingCatalog.load(Path.of("../job-configs/mappings"));

    private final RowNormalizer normalizer = new RowNormalizer(null);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            judgment | 案号,被告单位,统一社会信用代码,审理法院,裁判日期,裁判结果,案由 | (2025)黔0102行初15号,贵阳市南明区某局,11520103MB1745207P,贵阳市南明区人民法院,2025-06-10,撤销被告作出的行政处罚决定,行政处罚纠纷 | subjectName=贵阳市南明区某局;uscc=11520103MB1745207P;subjectKind=GOVERNMENT_BODY;authorityName=贵阳市南明区人民法院;decisionDate=2025-06-10;content=撤销被告作出的行政处罚决定;facts=行政处罚纠纷
            judgment | 序号,案号,被告,被告类型,统一社会信用代码,审判法院,判决日期,判决结果,备注 | 1,(2025)黔01行终88号,某县自然资源局,机关,11520103MB1745207P,贵阳市中级人民法院,2025-03-02,驳回上诉，维持原判, | subjectName=某县自然资源局;subjectKind=GOVERNMENT_BODY;subjectCategory<-被告类型;remarks=
            judgment | 案号,被告人,身份证号码,工作单位及职务,案由,判决结果,作出判决的法院,判决日期 | (2025)黔0103刑初201号,张某,440703197601160028,某县财政局副局长,受贿罪,判处有期徒刑三年,贵阳市云岩区人民法院,2025-05-20 | subjectName=张某;idNumber=440703197601160028;workUnit=某县财政局;position=副局长;subjectKind=NATURAL_PERSON
            judgment | 主体名称,统一社会信用代码/身份证号码,案号,审判法院,判决生效日期,判决结果 | 某镇人民政府,11520103MB1745207P,(2024)黔0102民初33号,贵阳市南明区人民法院,2024-12-01,支付工程款 | partyId<-统一社会信用代码/身份证号码;uscc=11520103MB1745207P;idNumber=;subjectKind=GOVERNMENT_BODY
            judgment | 败诉方,统一社会信用代码,案号,受理法院,宣判日期,裁判要旨 | 某县住房和城乡建设局,11520103MB1745207P,(2025)黔0111行初7号,贵阳市花溪区人民法院,2025-02-14,行政协议应予履行 | subjectName=某县住房和城乡建设局;authorityName=贵阳市花溪区人民法院;decisionDate=2025-02-14;-裁判要旨
            judgment | 序号,涉诉单位名称,统一社会信用代码,案号,案由,审理法院,结案日期,判决内容 | 1,某县教育局,11520103MB1745207P,(2025)黔0102民初90号,劳动争议,贵阳市南明区人民法院,2025-04-30,支付工资 | subjectName=某县教育局;decisionDate=2025-04-30;content=支付工资
            judgment | 案号,原告,被告,被告统一社会信用代码,审理法院,裁判日期,裁判结果 | (2025)黔0102行初16号,某建材有限公司,某区市场监督管理局,11520103MB1745207P,贵阳市南明区人民法院,2025-06-11,确认违法 | subjectName=某区市场监督管理局;uscc=11520103MB1745207P;-原告
            FAIL     | 案号,原告,审理法院,裁判日期,裁判结果 | (2025)黔0102行初17号,某建材有限公司,贵阳市南明区人民法院,2025-06-12,确认违法 | mapping 'judgment' cannot find required column;subjectName expected
            judgment | 案号 ,当事人名称 ,当事人类别,证件号码,工作单位,职务,案由,判决结果,审判法院,判决日期,公示截止期,备注 | (2025)黔0103刑初5号,李某,公务员,440703197601160028,某县农业农村局,科员,挪用公款罪,判处有期徒刑一年,贵阳市云岩区人民法院,2025-01-08,2028-01-08,一审生效 | subjectName=李某;subjectKind=CIVIL_SERVANT;idNumber=440703197601160028;publicationEnd=2028-01-08;remarks=一审生效
            judgment | 序号,被诉行政机关,案号,案由,审理法院,裁判日期,判决结果（败诉/胜诉） | 1,某县人力资源和社会保障局,(2025)黔0102行初20号,工伤认定,贵阳市南明区人民法院,2025-03-03,败诉 | subjectName=某县人力资源和社会保障局;content=败诉;subjectKind=GOVERNMENT_BODY
            judgment | 被告名称,统一社会信用代码,法定代表人,案号,审判法院,判决日期,判决结果,公示截止期 | 某县卫生健康局,11520103MB1745207P,王某,(2025)黔0102民初1号,贵阳市南明区人民法院,2025-01-02,赔偿损失,2028-01-02 | subjectName=某县卫生健康局;legalRepresentative=王某
            judgment | 当事人,身份证号,单位及职务,案号,法院,判决日期,判决结果 | 赵某,440703197601160028,某镇人民政府镇长,(2025)黔0102刑初3号,贵阳市南明区人民法院,2025-02-02,判处罚金 | idNumber=440703197601160028;workUnit=某镇人民政府;position=镇长;subjectKind=NATURAL_PERSON
            judgment | 姓名,身份证号码,工作单位,职务,案号,案由,审判法院,判决日期,判决结果 | 钱某,440703197601160028,某县水务局,副局长,(2025)黔0102刑初4号,滥用职权罪,贵阳市南明区人民法院,2025-02-03,免予刑事处罚 | subjectName=钱某;workUnit=某县水务局;facts=滥用职权罪
            judgment | 被告单位名称,组织机构代码,案号,一审法院,判决日期,判决结果 | 某县林业局,M000100Y-4,(2025)黔0102行初21号,贵阳市南明区人民法院,2025-03-04,撤销 | subjectName=某县林业局;orgCode=M000100Y4;authorityName=贵阳市南明区人民法院
            judgment | 被告,案件编号,审判法院,判决日期,判决结果 | 某县交通运输局,(2025)黔0102行初22号,贵阳市南明区人民法院,2025-03-05,撤销 | documentNumber=(2025)黔0102行初22号
            judgment | 被告,统一社会信用代码,案号,审判机关,判决日期,判决结果 | 某县商务局,11520103MB1745207P,(2025)黔0102行初23号,贵阳市南明区人民法院,2025-03-06,撤销 | authorityName=贵阳市南明区人民法院
            FAIL     | 被告,统一社会信用代码,案号,审判法院,发布日期,判决结果 | 某县商务局,11520103MB1745207P,(2025)黔0102行初24号,贵阳市南明区人民法院,2025-03-07,撤销 | mapping 'judgment' cannot find required column;decisionDate expected
            judgment | 当事人名称,当事人类型,统一社会信用代码,案号,审判法院,裁判日期,裁判结果,文书类型 | 某县统计局,机关,11520103MB1745207P,(2025)黔0102行初25号,贵阳市南明区人民法院,2025-03-08,撤销,判决书 | subjectCategory<-当事人类型;-文书类型;subjectKind=GOVERNMENT_BODY
            judgment | 被告,被告类型,法定代表人,法定代表人身份证号,统一社会信用代码,案号,审判法院,判决日期,判决结果 | 某建材有限公司,企业,孙某,440703197601160028,91350100M000100Y43,(2025)黔0102民初26号,贵阳市南明区人民法院,2025-03-09,支付货款 | idNumber=;-法定代表人身份证号;uscc=91350100M000100Y43;subjectKind=ENTERPRISE
            judgment | 案号,被告,原告,裁判法院,判决时间,判决主文 | (2025)黔0102行初27号,某县民政局,周某,贵阳市南明区人民法院,2025年3月10日,撤销被诉行政行为 | subjectName=某县民政局;decisionDate=2025-03-10;content=撤销被诉行政行为;-原告

            dishonest-debtor | 序号,被执行人姓名/名称,性别,年龄,身份证号码/组织机构代码,法定代表人或者负责人姓名,执行法院,省份,执行依据文号,立案时间,案号,做出执行依据单位,生效法律文书确定的义务,被执行人的履行情况,失信被执行人行为具体情形,发布时间 | 1,王某,男,45,440703197601160028,,沈丘县人民法院,河南,(2015)沈民初字第1号,2016-03-11,(2016)豫1624执782号,沈丘县人民法院,支付货款,全部未履行,违反财产报告制度,2016-07-05 | subjectName=王某;idNumber=440703197601160028;sex=男;age=45;authorityName=沈丘县人民法院;decisionDate=2016-03-11;documentNumber=(2016)豫1624执782号;legalBasis=(2015)沈民初字第1号;content=支付货款;performance=全部未履行;category=违反财产报告制度;publicationDate=2016-07-05
            dishonest-debtor | 失信被执行人名称,统一社会信用代码/身份证号,执行法院,执行案号,立案日期,失信行为,发布日期 | 某县人民政府,11520103MB1745207P,贵阳市中级人民法院,(2024)黔01执100号,2024-05-06,有履行能力而拒不履行生效法律文书确定义务,2024-08-01 | partyId<-统一社会信用代码/身份证号;uscc=11520103MB1745207P;subjectKind=GOVERNMENT_BODY;category=有履行能力而拒不履行生效法律文书确定义务
            dishonest-debtor | 失信主体名称,统一社会信用代码,法定代表人,执行法院,执行案号,立案时间,执行依据文号,作出执行依据单位,生效法律文书确定的义务,履行情况,失信行为具体情形,发布时间 | 某镇人民政府,11520103MB1745207P,吴某,贵阳市南明区人民法院,(2024)黔0102执55号,2024-02-03,(2023)黔0102民初9号,贵阳市云岩区人民法院,支付工程款,全部未履行,违反限制消费令,2024-03-01 | subjectName=某镇人民政府;uscc=11520103MB1745207P;subjectKind=GOVERNMENT_BODY;authorityName=贵阳市南明区人民法院;basisUnit=贵阳市云岩区人民法院;legalRepresentative=吴某
            dishonest-debtor | 序号,被执行人,申请执行人,证件号码,执行法院,案号,立案时间,未履行金额 | 1,郑某,某银行股份有限公司,440703197601160028,贵阳市南明区人民法院,(2024)黔0102执56号,2024-02-04,12000 | subjectName=郑某;idNumber=440703197601160028;-申请执行人;unperformedPart=12000
            dishonest-debtor | 申请执行人,被执行人名称,被执行人证件号码,执行法院,执行案号,立案日期 | 某银行股份有限公司,郑某,440703197601160028,贵阳市南明区人民法院,(2024)黔0102执57号,2024-02-05 | subjectName=郑某;partyId<-被执行人证件号码;idNumber=440703197601160028;-申请执行人
            dishonest-debtor | 被执行人名称,组织机构代码,法定代表人,法定代表人身份证号码,执行法院,案号,立案时间 | 某建材有限公司,M000100Y-4,孙某,440703197601160028,贵阳市南明区人民法院,(2024)黔0102执58号,2024-02-06 | orgCode=M000100Y4;idNumber=;-法定代表人身份证号码;subjectKind=ENTERPRISE
            dishonest-debtor | 失信被执行人,身份证号码,性别,年龄,执行法院,执行案号,立案时间,失信情形,发布时间 | 冯某,440703197601160028,女,50,贵阳市南明区人民法院,(2024)黔0102执59号,2024-02-07,违反财产报告制度,2024-03-07 | subjectName=冯某;idNumber=440703197601160028;subjectKind=NATURAL_PERSON;sex=女
            dishonest-debtor | 序号,单位名称,统一社会信用代码,执行法院,案号,立案时间,执行标的（万元）,未履行金额（万元）,备注 | 1,某县文化和旅游局,11520103MB1745207P,贵阳市南明区人民法院,(2024)黔0102执60号,2024-02-08,50,50,政府机构失信专项治理 | subjectName=某县文化和旅游局;subjectKind=GOVERNMENT_BODY;unperformedPart=50;remarks=政府机构失信专项治理
            dishonest-debtor | 被执行人名称,统一社会信用代码,执行法院,执行案号,纳入日期,失信行为情形 | 某县城市管理局,11520103MB1745207P,贵阳市南明区人民法院,(2024)黔0102执61号,2024-02-09,违反限制消费令 | decisionDate=2024-02-09;category=违反限制消费令;subjectKind=GOVERNMENT_BODY
            dishonest-debtor | 被执行人,证照号码,执行法院,案号,立案时间,履行情况,具体情形 | 某建材有限公司,91350100M000100Y43,贵阳市南明区人民法院,(2024)黔0102执62号,2024-02-10,全部未履行,规避执行 | uscc=91350100M000100Y43;subjectKind=ENTERPRISE;category=规避执行;performance=全部未履行
            dishonest-debtor | 被执行人,组织机构代码或身份证号,执行法院,案号,立案时间 | 陈某,440703197601160028,贵阳市南明区人民法院,(2024)黔0102执63号,2024-02-11 | partyId<-组织机构代码或身份证号;idNumber=440703197601160028;subjectKind=NATURAL_PERSON
            dishonest-debtor | 被执行人名称,身份证号码/统一社会信用代码,执行法院,执行案号,立案时间,执行依据案号,执行依据制作单位,生效法律文书确定义务,被执行人履行情况,失信行为具体情形 | 某县农业农村局,11520103MB1745207P,贵阳市南明区人民法院,(2024)黔0102执64号,2024-02-12,(2023)黔0102民初10号,贵阳市南明区人民法院,支付货款,部分未履行,违反限制消费令 | legalBasis=(2023)黔0102民初10号;basisUnit=贵阳市南明区人民法院;content=支付货款;performance=部分未履行
            dishonest-debtor | iname,cardNum,partyTypeName,caseCode,courtName,regDate | 王某,3206821960****7255,0,(2016)豫1624执782号,沈丘县人民法院,20160311 | subjectName=王某;idNumber=3206821960****7255;decisionDate=2016-03-11
            FAIL             | 被执行人,证件号码,案号,立案时间,作出执行依据单位 | 陈某,440703197601160028,(2024)黔0102执65号,2024-02-13,贵阳市南明区人民法院 | mapping 'dishonest-debtor' cannot find required column;authorityName expected
            dishonest-debtor | 被执行人名称,统一社会信用代码,法院名称,案号,立案时间 | 某县气象局,11520103MB1745207P,贵阳市南明区人民法院,(2024)黔0102执66号,2024-02-14 | authorityName=贵阳市南明区人民法院;subjectKind=GOVERNMENT_BODY
            dishonest-debtor | 被执行人,申请执行人,执行法院,案号,立案时间,申请执行人证件号码,被执行人证件号码 | 郑某,某银行股份有限公司,贵阳市南明区人民法院,(2024)黔0102执67号,2024-02-15,91350100M000100Y43,440703197601160028 | partyId<-被执行人证件号码;idNumber=440703197601160028;uscc=;-申请执行人证件号码
            FAIL             | 申请执行人,证件号码,执行法院,案号,立案时间 | 某银行股份有限公司,91350100M000100Y43,贵阳市南明区人民法院,(2024)黔0102执68号,2024-02-16 | cannot find required column;subjectName expected
            dishonest-debtor | 失信被执行人姓名/名称,身份证号码/统一社会信用代码,被执行人类型,执行法院,执行案号,立案时间 | 某建材有限公司,91350100M000100Y43,法人,贵阳市南明区人民法院,(2024)黔0102执69号,2024-02-17 | subjectKind=ENTERPRISE;uscc=91350100M000100Y43
            dishonest-debtor | 序号,被执行人名称,主体类别,统一社会信用代码,身份证号码,执行法院,案号,立案时间 | 1,某县司法局,机关,11520103MB1745207P,,贵阳市南明区人民法院,(2024)黔0102执70号,2024-02-18 | uscc=11520103MB1745207P;subjectKind=GOVERNMENT_BODY;subjectCategory<-主体类别
            dishonest-debtor | 姓名/名称,证件号码,执行法院,执行案号,立案时间,失信情形 | 褚某,440703197601160028,贵阳市南明区人民法院,(2024)黔0102执71号,2024-02-19,违反财产报告制度 | subjectName=褚某;idNumber=440703197601160028

            sanction | 序号,受处分人,工作单位及职务,处分种类,处分机关,处分时间,违纪事实 | 1,张某,某县财政局副局长,党内警告,中共某县纪律检查委员会,2025-04-01,违规收受礼金 | subjectName=张某;workUnit=某县财政局;position=副局长;category=党内警告;decisionDate=2025-04-01;facts=违规收受礼金
            sanction | 被处分人,身份证号,单位,职务,处分类别,作出处分决定的机关,处分日期 | 李某,440703197601160028,某县农业农村局,科长,记过,某县监察委员会,2025-04-02 | subjectName=李某;idNumber=440703197601160028;workUnit=某县农业农村局;category=记过;authorityName=某县监察委员会
            sanction | 姓名,性别,出生年月,政治面貌,工作单位及职务,违纪违法事实,处分结果,处分决定机关,处分决定时间 | 王某,男,1976-01,中共党员,某镇人民政府副镇长,违反中央八项规定精神,政务警告,某县监察委员会,2025-04-03 | decisionDate=2025-04-03;category=警告;-出生年月;workUnit=某镇人民政府
            sanction | 处分对象,所在单位,职务,给予何种处分,处分单位,作出决定时间,主要违纪事实 | 赵某,某县水务局,副局长,记大过,中共某县纪律检查委员会,2025-04-04,违规发放津贴 | category=记大过;authorityName=中共某县纪律检查委员会;decisionDate=2025-04-04;facts=违规发放津贴
            sanction | 受处分人姓名,身份证号码,工作单位,原任职务,处分种类,处分决定单位,处分决定日期,处分决定书文号 | 钱某,440703197601160028,某县商务局,科员,降级,某县监察委员会,2025-04-05,某监发〔2025〕5号 | position=科员;authorityName=某县监察委员会;documentNumber=某监发〔2025〕5号
            sanction | 违纪人员,单位职务,处分种类,处分机关,处分日期 | 孙某,某县统计局局长,撤职,中共某县纪律检查委员会,2025-04-06 | subjectName=孙某;workUnit=某县统计局;position=局长;category=撤职
            sanction | 姓名,出生日期,工作单位,职务,处分类型,处分机关名称,作出处分决定时间 | 周某,1980-05-06,某县民政局,副局长,记过,某县监察委员会,2025-04-07 | decisionDate=2025-04-07;-出生日期;category=记过
            sanction | 序号,被处分人姓名,身份证号码,工作单位及职务,党纪政务处分,处分机关,处分日期 | 1,吴某,440703197601160028,某县卫生健康局副局长,党内警告、政务记过,中共某县纪律检查委员会,2025-04-08 | category=党内警告;记过
            sanction | 姓名,工作单位,职务,处分情况,纪律处分决定机关,决定时间 | 郑某,某县教育局,科长,警告,中共某县纪律检查委员会,2025-04-09 | category=警告;authorityName=中共某县纪律检查委员会;decisionDate=2025-04-09
            sanction | 姓名,公民身份号码,工作单位,职务职级,处分种类,处分依据,处分机关,处分生效日期 | 冯某,440703197601160028,某县林业局,四级主任科员,记过,公职人员政务处分法第三十三条,某县监察委员会,2025-04-10 | idNumber=440703197601160028;position=四级主任科员;legalBasis=公职人员政务处分法第三十三条;decisionDate=2025-04-10
            sanction | 处分对象姓名,证件号码,工作单位,处分种类,处分机关,处分日期,处分决定文号 | 陈某,440703197601160028,某县交通运输局,开除,某县监察委员会,2025-04-11,某监发〔2025〕11号 | subjectName=陈某;idNumber=440703197601160028;category=开除
            sanction | 受处分人员,工作单位及职务,处分种类,作出处分的机关,处分时间 | 褚某,某县自然资源局副局长,留党察看一年,中共某县纪律检查委员会,2025-04-12 | subjectName=褚某;authorityName=中共某县纪律检查委员会;category=留党察看一年
            sanction | 姓 名,身份证号 ,工作单位（全称）,处分种类（党纪/政务）,处分机关,处分日期（YYYY-MM-DD） | 卫某,440703197601160028,某县住房和城乡建设局,政务记过,某县监察委员会,2025-04-13 | subjectName=卫某;workUnit=某县住房和城乡建设局;category=记过;decisionDate=2025-04-13
            sanction | 姓名,处分种类,处分机关,处分日期 | 蒋某,警告,某县监察委员会,2025-04-14 | rejected=REQUIRED_MISSING
            sanction | 被处分人,身份证号码,工作单位,处分种类,处分机关,处分日期,处分机关统一社会信用代码 | 沈某,440703197601160028,某县司法局,警告,某县监察委员会,2025-04-15,11520103MB1745207P | authorityUscc=11520103MB1745207P;uscc=
            sanction | 序号,姓名,工作单位及职务,受处分情况,处分机关,处分时间,主要问题 | 1,韩某,某县文化和旅游局副局长,党内严重警告,中共某县纪律检查委员会,2025-04-16,违规使用公车 | category=党内严重警告;facts=违规使用公车
            sanction | 姓名,工作单位,职务,处分种类,处分机关,处分日期,发布日期 | 杨某,某县气象局,科员,警告,某县监察委员会,2025-04-17,2025-05-01 | decisionDate=2025-04-17;-发布日期
            sanction | 被处分人,工作单位,处分方式,处分机关,决定日期,违纪行为 | 朱某,某县审计局,记过,某县监察委员会,2025-04-18,违规报销 | facts=违规报销;category=记过
            sanction | 序号,姓名,身份证号码,工作单位,现任职务,党纪处分,处分决定机关,处分决定日期 | 1,秦某,440703197601160028,某县医疗保障局,副局长,党内警告,中共某县纪律检查委员会,2025-04-19 | category=党内警告;position=副局长
            sanction | 姓名,身份证号码,工作单位,处分种类,处分机关,处分日期,处分期限 | 尤某,440703197601160028,某县退役军人事务局,留党察看二年,中共某县纪律检查委员会,2025-04-20,二年 | category=留党察看二年;-处分期限

            accountability | 序号,被问责人,工作单位及职务,问责方式,问责机关,问责时间,问责事由 | 1,张某,某县应急管理局副局长,诫勉,中共某县纪律检查委员会,2025-05-01,安全生产监管不力 | subjectName=张某;workUnit=某县应急管理局;position=副局长;category=诫勉;decisionDate=2025-05-01;facts=安全生产监管不力
            accountability | 问责对象,身份证号码,职务,问责类型,问责单位,问责日期,问责原因 | 李某,440703197601160028,科长,通报,中共某县委员会,2025-05-02,履职不力 | category=通报;authorityName=中共某县委员会;facts=履职不力
            accountability | 被问责对象,所在单位,问责形式,实施问责机关,问责决定时间,主要问题 | 王某,某县市场监督管理局,停职检查,中共某县委员会,2025-05-03,食品安全监管失职 | subjectName=王某;category=停职检查;authorityName=中共某县委员会;facts=食品安全监管失职;workUnit=某县市场监督管理局
            accountability | 责任人,工作单位,职务,问责结果,作出问责决定的机关,问责时间,问题描述 | 赵某,某县生态环境局,副局长,免职,中共某县委员会,2025-05-04,环境污染处置不力 | subjectName=赵某;category=免职;facts=环境污染处置不力
            accountability | 被问责单位,统一社会信用代码,问责方式,问责机关,问责日期,问责事由 | 某县生态环境局,11520103MB1745207P,通报,中共某县委员会,2025-05-05,督察整改不力 | subjectName=某县生态环境局;uscc=11520103MB1745207P;subjectKind=GOVERNMENT_BODY
            accountability | 被问责人姓名,身份证号码,工作单位,职务,问责决定文号,问责方式,问责依据,问责机关,问责决定日期 | 钱某,440703197601160028,某县水务局,副局长,某县纪发〔2025〕6号,诫勉,中国共产党问责条例第七条,中共某县委员会,2025-05-06 | documentNumber=某县纪发〔2025〕6号;legalBasis=中国共产党问责条例第七条
            accountability | 问责对象名称,问责对象类别,统一社会信用代码/身份证号码,问责方式,问责机关,问责时间 | 孙某,领导干部,440703197601160028,诫勉,中共某县委员会,2025-05-07 | partyId<-统一社会信用代码/身份证号码;idNumber=440703197601160028;uscc=;subjectKind=CIVIL_SERVANT
            accountability | 被问责人员,单位及职务,问责处理方式,问责决定机关,决定时间,问责情形 | 周某,某县林业局局长,责令公开道歉,中共某县委员会,2025-05-08,森林防火责任落实不到位 | subjectName=周某;category=责令公开道歉;facts=森林防火责任落实不到位;workUnit=某县林业局
            accountability | 序号,姓名,出生年月,工作单位及职务,问责方式,问责机关,作出问责决定时间 | 1,吴某,1975-03,某县交通运输局副局长,调整职务,中共某县委员会,2025-05-09 | decisionDate=2025-05-09;-出生年月
            FAIL           | 被问责人,工作单位,问责类别,问责机关,问责时间 | 郑某,某县教育局,通报,中共某县委员会,2025-05-10 | mapping 'accountability' cannot find required column;category expected
            accountability | 问责对象,问责对象类型,问责方式,问责机关,问责时间,备注 | 某县教育局,单位,检查,中共某县委员会,2025-05-11, | subjectKind=GOVERNMENT_BODY;subjectCategory<-问责对象类型
            accountability | 被问责干部,身份证号码,现任职务,问责种类,问责实施机关,问责日期,问责事实 | 冯某,440703197601160028,副局长,降职,中共某县委员会,2025-05-12,违规决策 | subjectName=冯某;position=副局长;category=降职;authorityName=中共某县委员会;facts=违规决策
            accountability | 被问责人,身份证号 ,工作单位,问责方式 ,问责机关 ,问责时间  | 陈某,440703197601160028,某县民政局,诫勉,中共某县委员会,2025-05-13 | idNumber=440703197601160028;category=诫勉;decisionDate=2025-05-13
            accountability | 被问责人,身份证号码,问责方式,问责机关,问责机关统一社会信用代码,问责时间 | 褚某,440703197601160028,通报,中共某县纪律检查委员会,11520103MB1745207P,2025-05-14 | authorityUscc=11520103MB1745207P;uscc=
            accountability | 被问责人,工作单位,问责方式,问责机关,问责时间,公示截止期,发布日期 | 卫某,某县商务局,通报,中共某县委员会,2025-05-15,2026-05-15,2025-05-20 | decisionDate=2025-05-15;publicationEnd=2026-05-15;-发布日期
            accountability | 问责对象（单位或个人）,问责方式,问责机关,问责时间,问责事由 | 某县统计局,通报,中共某县委员会,2025-05-16,统计造假 | subjectName=某县统计局;subjectKind=GOVERNMENT_BODY
            accountability | 被问责人,被问责人所在单位,被问责人职务,问责方式,问责机关,问责日期 | 蒋某,某县审计局,副局长,诫勉,中共某县委员会,2025-05-17 | subjectName=蒋某;workUnit=某县审计局;position=副局长
            FAIL           | 对象,单位,方式,决定机关,时间 | 沈某,某县审计局,诫勉,中共某县委员会,2025-05-18 | once the kind is told;--mapping accountability
            accountability | 序号,问责对象,职务,问责方式,问责事由,问责机关,时间,文号 | 1,韩某,副局长,通报,履职不力,中共某县委员会,2025-05-19,某县委〔2025〕9号 | rejected=REQUIRED_MISSING;decisionDate<-时间;documentNumber<-文号
            accountability | 被问责人,工作单位,问责方式,实施问责的机关,作出问责决定日期,问责原因 | 杨某,某县医疗保障局,通报,中共某县委员会,2025-05-20,医保基金监管不力 | authorityName=中共某县委员会;decisionDate=2025-05-20;facts=医保基金监管不力
            penalty        | 当事人名称,统一社会信用代码,行政处罚决定书文号,处罚类别,处罚决定日期,处罚机关 | 某建材有限公司,91350100M000100Y43,筑南市监罚〔2025〕12号,罚款,2025-03-05,贵阳市南明区市场监督管理局 | subjectName=某建材有限公司;subjectKind=ENTERPRISE
            sanction       | 姓名,单位名称,职务,处分种类,处分机关,处分日期 | 蒋某,某县审计局,副局长,警告,某县监察委员会,2025-04-21 | subjectName=蒋某;workUnit=某县审计局
            judgment       | 序号,单位名称,统一社会信用代码,案号,审理法院,判决日期,判决结果 | 1,某县审计局,11520103MB1745207P,(2025)黔0102行初28号,贵阳市南明区人民法院,2025-03-11,撤销 | subjectName=某县审计局;subjectKind=GOVERNMENT_BODY
            dishonest-debtor | 序号,单位名称,统一社会信用代码,执行法院,案号,立案时间,履行情况 | 1,某县审计局,11520103MB1745207P,贵阳市南明区人民法院,(2024)黔0102执72号,2024-02-20,全部未履行 | subjectName=某县审计局;performance=全部未履行
            accountability | 被问责党组织,问责对象类别,问责方式,问责机关,问责时间,问责事由 | 中共某县审计局党组,党组织,通报,中共某县委员会,2025-05-21,巡察整改不力 | subjectName=中共某县审计局党组;subjectKind=GOVERNMENT_BODY;category=通报
            """)
    void aListWeHaveNeverSeenMapsByItsHeadersAlone(String expected, String headerLine, String dataLine,
                                                   String expectations) {
        List<String> headers = Arrays.asList(headerLine.split(",", -1));
        String[] cells = dataLine.split(",", -1);
        assertThat(cells).as("test row: one cell per header").hasSize(headers.size());
        SourceTable table = new SourceTable("upload.csv", null, headers, 1);
        List<String> checks = Arrays.stream(expectations.split(";(?=[-A-Za-z])")).map(String::strip).toList();

        if (expected.equals("FAIL")) {
            assertThatThrownBy(() -> CATALOG.resolve(table, null)).isInstanceOf(UnreadableSourceException.class)
                    .satisfies(e -> checks.forEach(c -> assertThat(e.getMessage()).contains(c)));
            return;
        }
        ColumnMapping mapping = CATALOG.resolve(table, null);
        assertThat(mapping.config().name()).as("mapping chosen; columns %s", mapping.describe()).isEqualTo(expected);
        ProcessedRow row = normalizer.normalize(new SourceRow(table, 2, cells), mapping);
        Map<String, String> columns = mapping.describe();
        String rejected = checks.stream().filter(c -> c.startsWith("rejected=")).findFirst().orElse(null);
        if (rejected == null) {
            assertThat(row.isAccepted()).as("accepted; reasons %s; columns %s", row.reasons(), columns).isTrue();
        } else {
            assertThat(row.reasons()).extracting(RejectReason::code)
                    .contains(rejected.substring("rejected=".length()));
        }
        for (String check : checks) {
            if (check.startsWith("rejected=")) {
                continue;
            } else if (check.startsWith("-")) {
                assertThat(mapping.unmappedHeaders()).as("unused columns; fields %s", columns)
                        .contains(check.substring(1));
            } else if (check.contains("<-")) {
                String[] fieldHeader = check.split("<-", 2);
                assertThat(columns).as("columns").containsEntry(fieldHeader[0], fieldHeader[1]);
            } else {
                String[] fieldValue = check.split("=", 2);
                assertThat(value(row.record(), fieldValue[0])).as("%s; columns %s", fieldValue[0], columns)
                        .isEqualTo(fieldValue[1].isEmpty() ? null : fieldValue[1]);
            }
        }
    }

    /** A record component's value as text (null for none). */
    private static String value(CreditRecord record, String component) {
        for (RecordComponent c : CreditRecord.class.getRecordComponents()) {
            if (c.getName().equals(component)) {
                try {
                    Object v = c.getAccessor().invoke(record);
                    return v == null ? null : v.toString();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return fail("CreditRecord has no component '" + component + "'");
    }
}
