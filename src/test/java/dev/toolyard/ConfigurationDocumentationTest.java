package dev.toolyard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** T-D4: every environment variable in the README's table is one that application.yml reads. */
class ConfigurationDocumentationTest {

    @Test
    void everyDocumentedEnvironmentVariableIsRead() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String yaml = Files.readString(Path.of("src/main/resources/application.yml"));
        var documented = Pattern.compile("^\\| `(TOOLYARD_[A-Z_]+)` \\|", Pattern.MULTILINE).matcher(readme)
                .results().map(match -> match.group(1)).toList();

        assertThat(documented).hasSizeGreaterThan(10);
        assertThat(documented).allSatisfy(variable -> assertThat(yaml).contains("${" + variable + ":"));
    }
}
