package org.creditpipeline.ingest.read;

/**
 * Whether a cell's text is a column header some mapping knows (an exact synonym or a keyword match), so that the
 * readers can tell a header row from a title or form row without knowing the mappings themselves.
 */
@FunctionalInterface
public interface HeaderVocabulary {

    /** Knows no header: the header is then found by the row shape alone. */
    HeaderVocabulary NONE = cell -> false;

    boolean isKnown(String cell);
}
