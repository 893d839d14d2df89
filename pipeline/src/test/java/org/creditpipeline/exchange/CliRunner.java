package org.creditpipeline.exchange;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.creditpipeline.cli.CreditPipelineCli;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Runs real commands in-process against the test database, with a test node topology. */
public final class CliRunner {

    private final Path configDir;
    private String lastOut = "";
    private String lastErr = "";

    public CliRunner(Path configDir) {
        this.configDir = configDir;
    }

    public int run(String... args) {
        List<String> all = new ArrayList<>(List.of("--home", "target/test-home", "--config-dir", configDir.toString(),
                "--quiet"));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new CreditPipelineCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(all.toArray(String[]::new));
        lastOut = out.toString(StandardCharsets.UTF_8);
        lastErr = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** Runs with --json and parses stdout. */
    public JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        int code = run(all.toArray(String[]::new));
        if (code == 2 || lastOut.isBlank()) {
            throw new AssertionError("command " + all + " exited " + code + ": " + lastErr);
        }
        return JsonMapper.builder().build().readTree(lastOut);
    }

    public String out() {
        return lastOut;
    }

    public String err() {
        return lastErr;
    }
}
