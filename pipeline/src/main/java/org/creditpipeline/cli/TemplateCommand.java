package org.creditpipeline.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.creditpipeline.ingest.mapping.MappingCatalog;
import org.creditpipeline.ingest.mapping.MappingConfig;
import org.creditpipeline.ingest.template.UploadTemplate;

/**
 * {@code credit-pipeline template --mapping NAME [--out FILE]}: writes the blank upload template of a mapping. Needs
 * only the mapping configs, no database.
 */
final class TemplateCommand {

    private TemplateCommand() {
    }

    static int run(Arguments a, PrintStream out) {
        String name = a.option("mapping");
        if (name == null) {
            throw new Arguments.UsageException("template needs --mapping NAME");
        }
        Path configDir = CreditPipelineCli.configDir(a);
        MappingCatalog catalog = MappingCatalog.load(configDir.resolve("mappings"));
        MappingConfig config;
        try {
            config = catalog.get(name);
        } catch (IllegalArgumentException e) {
            throw new Arguments.UsageException(e.getMessage());
        }
        Path file = Path.of(a.option("out", name + "-template.xlsx"));
        try {
            UploadTemplate.write(config, file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
        Path written = file.toAbsolutePath().normalize();
        if (a.flag("json")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "template");
            doc.put("mapping", name);
            doc.put("file", written.toString());
            out.println(CreditPipelineCli.json(doc));
            return 0;
        }
        out.println("Wrote the upload template for mapping '" + name + "' to " + written);
        return 0;
    }
}
