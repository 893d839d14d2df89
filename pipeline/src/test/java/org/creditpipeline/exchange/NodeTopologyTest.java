package org.creditpipeline.exchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The node files of job-configs/nodes and the region rule. */
class NodeTopologyTest {

    @TempDir
    Path dir;

    @Test
    void theConfiguredGuizhouChainLoads() {
        NodeTopology t = NodeTopology.load(Path.of("../job-configs/nodes"), Path.of("/srv/credit"));
        assertThat(t.childrenOf("guiyang")).extracting(NodeConfig::id).containsExactlyInAnyOrder("nanming", "yunyan",
                "huaxi");
        assertThat(t.parentOf(t.get("guiyang")).id()).isEqualTo("guizhou");
        assertThat(t.parentOf(t.get("guizhou")).id()).isEqualTo("national");
        assertThat(t.get("nanming").directory()).isEqualTo(Path.of("/srv/credit/var/exchange/nanming"));
    }

    @Test
    void aNodeCoversOnlyItsOwnRegion() {
        NodeTopology t = NodeTopology.load(Path.of("../job-configs/nodes"), dir);
        assertThat(t.get("guiyang").covers("520102")).isTrue();
        assertThat(t.get("guiyang").covers("520201")).isFalse();
        assertThat(t.get("guizhou").covers("520201")).isTrue();
        assertThat(t.get("guizhou").covers("530102")).isFalse();
        assertThat(t.get("nanming").covers("520103")).isFalse();
        assertThat(t.get("national").covers("110101")).isTrue();
    }

    @Test
    void aParentOutsideTheChildsRegionIsAConfigError() throws IOException {
        write("city", "id: city\nregion: \"530100\"\nlevel: city\nkey: 0123456789abcdef0\nparent: prov\n");
        write("prov", "id: prov\nregion: \"530000\"\nlevel: province\nkey: 0123456789abcdef0\nparent: top\n");
        write("top", "id: top\nregion: \"000000\"\nlevel: national\n");
        write("county", "id: county\nregion: \"520102\"\nlevel: county\nparent: city\nkey: 0123456789abcdef0\n");
        assertThatThrownBy(() -> NodeTopology.load(dir, dir)).hasMessageContaining("county.yaml")
                .hasMessageContaining("outside its parent's region 530100");
    }

    @Test
    void aMissingKeyNamesFileAndKey() throws IOException {
        write("county", "id: county\nregion: \"520102\"\nlevel: county\nparent: city\n");
        assertThatThrownBy(() -> NodeTopology.load(dir, dir)).hasMessageContaining("county.yaml")
                .hasMessageContaining("'key' is missing");
    }

    @Test
    void aLevelThatDoesNotFitTheRegionCodeIsRefused() throws IOException {
        write("county", "id: county\nregion: \"520100\"\nlevel: county\nparent: city\nkey: 0123456789abcdef0\n");
        assertThatThrownBy(() -> NodeTopology.load(dir, dir)).hasMessageContaining("is not a county code");
    }

    private void write(String id, String yaml) throws IOException {
        Files.writeString(dir.resolve(id + ".yaml"), yaml);
    }
}
