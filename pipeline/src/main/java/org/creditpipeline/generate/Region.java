package org.creditpipeline.generate;

/**
 * A county-level GB/T 2260 unit used consistently in ID address parts, USCC chars 3–8, 地方编码, authority and
 * court names.
 *
 * @param code          6-digit GB/T 2260 code
 * @param county        county-level name (淮阴区)
 * @param city          prefecture-level name (淮安市), empty for 省直辖 units
 * @param province      province abbreviation used in 案号 court codes (苏)
 * @param prefix        name prefix of local authorities (淮安市淮阴区, 常熟市, 北京市朝阳区)
 * @param shortName     short form used in 文号 (淮阴)
 * @param cityShort     city without 市, the region part of enterprise names (淮安)
 * @param countyLevelCity true for 县级市, which have no district prefix
 */
record Region(String code, String county, String city, String province, String prefix, String shortName,
        String cityShort, boolean countyLevelCity) {

    static Region of(String code, String county, String city, String province) {
        boolean countyCity = county.endsWith("市");
        String prefix = countyCity ? county : city + county;
        String shortName = county.length() > 2 ? county.substring(0, county.length() - (county.endsWith("新区") ? 2 : 1))
                : county;
        String cityShort = city.isEmpty() ? shortName : city.substring(0, city.length() - 1);
        return new Region(code, county, city, province, prefix, shortName, cityShort, countyCity);
    }

    /** 2016 案号 court code of the basic court (苏0804; 济源 419001 → 豫9001). */
    String basicCourtCode() {
        return province + code.substring(2);
    }

    /** Intermediate court code (苏08), null where the city has none in this simple model (直辖市, 省直辖). */
    String intermediateCourtCode() {
        if (city.isEmpty() || city.equals(cityOfMunicipality())) {
            return null;
        }
        return province + code.substring(2, 4);
    }

    private String cityOfMunicipality() {
        return switch (code.substring(0, 2)) {
            case "11" -> "北京市";
            case "12" -> "天津市";
            case "31" -> "上海市";
            case "50" -> "重庆市";
            default -> "";
        };
    }

    String basicCourtName() {
        return countyLevelCity ? county + "人民法院" : prefix + "人民法院";
    }

    String intermediateCourtName() {
        return city + "中级人民法院";
    }
}
