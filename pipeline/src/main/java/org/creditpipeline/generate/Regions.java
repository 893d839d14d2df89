package org.creditpipeline.generate;

import java.util.List;

/** A small built-in list of real GB/T 2260 county-level codes across provinces (checked against the 民政部 2019 list). */
final class Regions {

    static final List<Region> ALL = List.of(
            Region.of("320804", "淮阴区", "淮安市", "苏"),
            Region.of("320106", "鼓楼区", "南京市", "苏"),
            Region.of("320581", "常熟市", "苏州市", "苏"),
            Region.of("320206", "惠山区", "无锡市", "苏"),
            Region.of("330110", "余杭区", "杭州市", "浙"),
            Region.of("330106", "西湖区", "杭州市", "浙"),
            Region.of("330782", "义乌市", "金华市", "浙"),
            Region.of("440703", "蓬江区", "江门市", "粤"),
            Region.of("440305", "南山区", "深圳市", "粤"),
            Region.of("440106", "天河区", "广州市", "粤"),
            Region.of("500101", "万州区", "重庆市", "渝"),
            Region.of("419001", "济源市", "", "豫"),
            Region.of("410105", "金水区", "郑州市", "豫"),
            Region.of("110105", "朝阳区", "北京市", "京"),
            Region.of("120116", "滨海新区", "天津市", "津"),
            Region.of("310115", "浦东新区", "上海市", "沪"),
            Region.of("310104", "徐汇区", "上海市", "沪"),
            Region.of("510107", "武侯区", "成都市", "川"),
            Region.of("510112", "龙泉驿区", "成都市", "川"),
            Region.of("420106", "武昌区", "武汉市", "鄂"),
            Region.of("420111", "洪山区", "武汉市", "鄂"),
            Region.of("430104", "岳麓区", "长沙市", "湘"),
            Region.of("370202", "市南区", "青岛市", "鲁"),
            Region.of("370102", "历下区", "济南市", "鲁"),
            Region.of("210202", "中山区", "大连市", "辽"),
            Region.of("610113", "雁塔区", "西安市", "陕"),
            Region.of("350203", "思明区", "厦门市", "闽"),
            Region.of("350102", "鼓楼区", "福州市", "闽"),
            Region.of("340104", "蜀山区", "合肥市", "皖"),
            Region.of("360102", "东湖区", "南昌市", "赣"),
            Region.of("450103", "青秀区", "南宁市", "桂"),
            Region.of("530102", "五华区", "昆明市", "云"),
            Region.of("130104", "桥西区", "石家庄市", "冀"),
            Region.of("140105", "小店区", "太原市", "晋"));

    private Regions() {
    }

    static Region get(int i) {
        return ALL.get(i);
    }

    static int size() {
        return ALL.size();
    }
}
