package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node's exchange folder is used only when it exists and its marker names the node (no database needed). */
class ExchangeFolderTest {

    @TempDir
    Path root;

    private NodeConfig node(String id) {
        return new NodeConfig(id, id, "520100", NodeConfig.Level.CITY, "guizhou", NodeConfig.Transport.DIRECTORY,
                "k-0123456789abcdef", root.resolve("share").resolve(id), null, null);
    }

    @Test
    void aFolderThatDoesNotExistIsRefusedAsNotMounted() {
        assertThatThrownBy(() -> ExchangeFolder.check(node("guiyang"), "push"))
                .isInstanceOf(ExchangeFolderException.class)
                .hasMessageContaining("push refused: exchange folder " + root.resolve("share/guiyang"))
                .hasMessageContaining("does not exist (not mounted?)")
                .hasMessageContaining("credit-pipeline exchange init --node guiyang")
                .hasMessageNotContaining("\n");
        assertThat(root.resolve("share")).doesNotExist();
    }

    @Test
    void aFolderWithoutMarkerIsRefusedWithTheCommandThatWritesIt() throws IOException {
        Files.createDirectories(root.resolve("share/guiyang"));
        assertThatThrownBy(() -> ExchangeFolder.check(node("guiyang"), "receive"))
                .isInstanceOf(ExchangeFolderException.class)
                .hasMessageContaining("has no marker .credit-exchange")
                .hasMessageContaining("credit-pipeline exchange init --node guiyang")
                .hasMessageContaining("echo 'node: guiyang' > " + root.resolve("share/guiyang/.credit-exchange"));
    }

    @Test
    void aFolderWhoseMarkerNamesAnotherNodeIsRefused() throws IOException {
        Files.createDirectories(root.resolve("share/guiyang"));
        Files.writeString(root.resolve("share/guiyang/.credit-exchange"), "node: nanming\n");
        assertThatThrownBy(() -> ExchangeFolder.check(node("guiyang"), "push"))
                .isInstanceOf(ExchangeFolderException.class)
                .hasMessageContaining("belongs to node 'nanming', not to node 'guiyang'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "node: guiyang                                  | guiyang",
        "# comment\\n\\nnode:guiyang  \\n              | guiyang",
        "guiyang                                        | ",
        "node:                                          | ",
        "''                                             | "})
    void theMarkerNamesItsNodeOnALineNodeId(String text, String owner) {
        assertThat(ExchangeFolder.owner(text.replace("\\n", "\n"))).isEqualTo(owner);
    }

    @Test
    void initCreatesTheFolderAndItsMarkerOnceAndNeverTakesOverAnotherNodesFolder() throws IOException {
        NodeConfig guiyang = node("guiyang");
        assertThat(ExchangeFolder.init(guiyang)).isTrue();
        assertThat(Files.readString(root.resolve("share/guiyang/.credit-exchange"))).contains("\nnode: guiyang\n");
        ExchangeFolder.check(guiyang, "push");
        assertThat(ExchangeFolder.init(guiyang)).isFalse();

        NodeConfig other = new NodeConfig("nanming", "nanming", "520102", NodeConfig.Level.COUNTY, "guiyang",
                NodeConfig.Transport.DIRECTORY, "k-0123456789abcdef", guiyang.directory(), null, null);
        assertThatThrownBy(() -> ExchangeFolder.init(other)).isInstanceOf(ExchangeFolderException.class)
                .hasMessageContaining("belongs to node 'guiyang', not to node 'nanming'");
        assertThat(Files.readString(root.resolve("share/guiyang/.credit-exchange"))).contains("node: guiyang");
    }
}
