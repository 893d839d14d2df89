package org.creditpipeline.ingest.read.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/** Benchmark baseline: the cost of tokenising a JSON file with Jackson's streaming parser and nothing else. */
public final class JsonRawCount {

    private JsonRawCount() {
    }

    /** Counts the scalar values of a JSON file (every string, number, boolean and null). */
    public static long countValues(Path file) throws IOException {
        long values = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = new JsonFactory().createParser(in)) {
            for (JsonToken token; (token = parser.nextToken()) != null; ) {
                if (token.isScalarValue()) {
                    values++;
                }
            }
        }
        return values;
    }
}
