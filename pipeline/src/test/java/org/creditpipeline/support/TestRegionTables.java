package org.creditpipeline.support;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.creditpipeline.normalize.RegionTable;

/**
 * The tiny GB/T 2260 tables of the test resources ({@code gb2260/}): {@code current.tsv}, a current list in the
 * cn/GB2260 format, and {@code abolished.csv}, codes abolished or renumbered since with what each became. Self-contained,
 * unlike the real lists of shared/data, which tests must skip without.
 */
public final class TestRegionTables {

    private TestRegionTables() {
    }

    /** The file of the test resources' {@code gb2260/NAME}. */
    public static Path resource(String name) {
        try {
            return Path.of(TestRegionTables.class.getResource("/gb2260/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The current list alone. */
    public static RegionTable current() {
        return RegionTable.load(resource("current.tsv"));
    }

    /** The current list, then the abolished codes. */
    public static RegionTable currentAndAbolished() {
        return RegionTable.load(List.of(resource("current.tsv"), resource("abolished.csv")));
    }
}
