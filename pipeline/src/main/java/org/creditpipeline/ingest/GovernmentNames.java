package org.creditpipeline.ingest;

/**
 * Recognises a government body (机关) by its name when no USCC says so: the endings of Chinese state organs, and of the
 * party organisations that 问责 and 纪律处分 lists name beside them (党组, 党委, 党工委, 党总支, 党支部: a 问责对象 of kind
 * 党组织 is held to account like an organ). Used only for organisations without a valid USCC; a USCC's category (11 机关)
 * always wins.
 */
final class GovernmentNames {

    private static final String[] ENDINGS = {"人民政府", "人民法院", "人民检察院", "人民代表大会常务委员会", "委员会", "办公室",
        "管理局", "监督局", "局", "厅", "委", "办事处", "街道办", "公安分局", "派出所", "人民代表大会", "党组", "党总支", "党支部"};

    private GovernmentNames() {
    }

    static boolean looksLikeGovernmentBody(String name) {
        if (name.contains("公司") || name.contains("合作社") || name.contains("企业")) {
            return false;
        }
        for (String ending : ENDINGS) {
            if (name.endsWith(ending)) {
                return true;
            }
        }
        return false;
    }
}
