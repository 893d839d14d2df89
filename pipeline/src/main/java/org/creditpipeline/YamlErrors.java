package org.creditpipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/**
 * One line for a configuration file that YAML could not read: where (line and column) and what, without the parser's
 * multi-line snippet and caret, so that an operator's log shows the file, the place and the problem together.
 */
public final class YamlErrors {

    private static final Pattern QUOTED = Pattern.compile("`[^`]*`");

    private YamlErrors() {
    }

    /** E.g. {@code line 4, column 4: expected <block end>, but found '<block mapping start>'}. */
    public static String describe(JacksonException e) {
        String problem = problem(e.getOriginalMessage());
        String key = key(e);
        if (key != null) {
            problem = "key '" + key + "': " + problem;
        }
        TokenStreamLocation at = e.getLocation();
        if (at == null || at.getLineNr() < 1) {
            return problem;
        }
        return "line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "") + ": "
                + problem;
    }

    /** The key whose value did not fit (a value of the wrong shape), e.g. {@code fields.subjectName}. */
    private static String key(JacksonException e) {
        List<String> parts = new ArrayList<>();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                parts.add(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                parts.add("[" + r.getIndex() + "]");
            }
        }
        return parts.isEmpty() ? null : String.join(".", parts).replace(".[", "[");
    }

    /**
     * The parser's message without its quoted snippet: SnakeYAML indents the snippet, the caret and the
     * {@code in reader, line N} lines under the sentences that say what is wrong.
     */
    static String problem(String message) {
        if (message == null || message.isBlank()) {
            return "not valid YAML";
        }
        List<String> sentences = new ArrayList<>();
        for (String line : message.split("\\R")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                sentences.add(line.strip());
            }
        }
        String text = sentences.isEmpty() ? message.strip().replaceAll("\\s+", " ") : String.join("; ", sentences);
        // Jackson names Java types and tokens: `org.creditpipeline...MappingConfig$FieldSpec` says FieldSpec enough
        return QUOTED.matcher(text.replaceAll(" \\(token `[^`]*`\\)", ""))
                .replaceAll(m -> Matcher.quoteReplacement(m.group().replaceAll("(?:\\w+[.$])+(\\w+)", "$1")));
    }
}
