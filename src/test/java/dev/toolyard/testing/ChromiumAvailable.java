package dev.toolyard.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a browser test class only where {@link Browsers#CHROMIUM} exists. Elsewhere the class is
 * reported as skipped with the reason, before a server is started for it; with
 * {@code TOOLYARD_REQUIRE_BROWSER=1} (CI) the class fails instead, so a missing browser cannot
 * pass unnoticed.
 */
public class ChromiumAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return Browsers.missingChromium()
                .map(reason -> {
                    if (Browsers.browserRequired()) {
                        throw new IllegalStateException(reason + " (" + Browsers.REQUIRE_VARIABLE + "=1 requires it)");
                    }
                    return ConditionEvaluationResult.disabled(reason + "; browser tests skipped (set "
                            + Browsers.REQUIRE_VARIABLE + "=1 to fail instead)");
                })
                .orElseGet(() -> ConditionEvaluationResult.enabled(Browsers.CHROMIUM + " is installed"));
    }
}
