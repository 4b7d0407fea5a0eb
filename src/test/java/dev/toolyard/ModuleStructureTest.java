package dev.toolyard;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModuleStructureTest {

    @Test
    void featuresDependOnlyOnEachOthersPublicApi() {
        ApplicationModules.of(ToolyardApplication.class).verify();
    }
}
