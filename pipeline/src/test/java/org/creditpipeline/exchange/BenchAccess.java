package org.creditpipeline.exchange;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

/** Package-private exchange steps opened to the benchmark, so that it can time them one by one. */
public final class BenchAccess {

    private BenchAccess() {
    }

    public static Path build(DataSource dataSource, NodeConfig node, long from, long to, Path outDir) {
        return PackageBuilder.build(dataSource, node, from, to, outDir).file();
    }

    public static void verify(Path file, NodeTopology topology) {
        Map<String, NodeKeys> keys = new HashMap<>();
        topology.all().forEach(n -> keys.put(n.id(), n.keys()));
        String parent = PackageReader.peek(file).parent();
        try (PackageReader reader = PackageReader.open(file, parent, keys)) {
            reader.records().size();
        }
    }
}
