package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class ToolsTest {
    @TempDir
    Path dir;

    @Test
    void findsExecutablesOnTheGivenPath() throws Exception {
        Path tool = Files.writeString(dir.resolve("mytool"), "#!/bin/sh\n");
        Path notExecutable = Files.writeString(dir.resolve("plainfile"), "");
        assertThat(tool.toFile().setExecutable(true)).isTrue();
        Map<String, String> env = Map.of("PATH", "/nonexistent:" + dir);
        assertThat(Tools.find("mytool", env)).contains(tool);
        assertThat(Tools.find(notExecutable.getFileName().toString(), env)).isEmpty();
        assertThat(Tools.find("absent-tool", env)).isEmpty();
        assertThat(Tools.assumeAvailable("mytool", env)).isEqualTo(tool);
    }

    @Test
    void aMissingToolSkipsLocallyButFailsUnderCi() {
        Map<String, String> local = Map.of("PATH", dir.toString());
        Map<String, String> ci = Map.of("PATH", dir.toString(), "CI", "true");
        assertThatThrownBy(() -> Tools.assumeAvailable("absent-tool", local))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("absent-tool");
        assertThatThrownBy(() -> Tools.assumeAvailable("absent-tool", ci))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CI=true");
    }
}
