package dev.toolyard.audit;

import java.io.PrintStream;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar toolyard.jar audit verify}: checks every chain against the configured database
 * and exits 0 when intact, 1 when broken, naming the first broken entry.
 */
public final class AuditVerifyCommand {

    public static final String ENABLED_PROPERTY = "toolyard.command.audit-verify";

    private AuditVerifyCommand() {
    }

    public static boolean isRequested(String[] args) {
        return args.length >= 2 && "audit".equals(args[0]) && "verify".equals(args[1]);
    }

    public static int exitCode(ConfigurableApplicationContext context) {
        try (context) {
            var result = context.getBean(AuditLog.class).verify();
            report(result, System.out);
            return result.intact() ? 0 : 1;
        }
    }

    static void report(AuditVerification result, PrintStream out) {
        out.printf("Checked %d audit entries in %d chains.%n", result.entriesChecked(), result.chainsChecked());
        result.firstBroken().ifPresentOrElse(
                broken -> out.printf("BROKEN: chain %s at entry #%d%s: %s%n", broken.chain(), broken.seq(),
                        broken.entryId().map(id -> " (id " + id + ")").orElse(""), broken.reason()),
                () -> out.println("Audit trail intact."));
    }
}
