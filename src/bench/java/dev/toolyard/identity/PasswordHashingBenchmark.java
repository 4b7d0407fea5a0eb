package dev.toolyard.identity;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * What one password check costs during sign-in: the time a core is busy per attempt, which bounds
 * how many attempts the sign-in endpoint can take and what each guess costs an attacker who holds
 * the hashes. The encoder is the product's own, from {@code IdentityConfiguration#passwordEncoder()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 5)
public class PasswordHashingBenchmark {

    private static final String PASSWORD = "correct horse battery staple";

    private PasswordEncoder encoder;
    private String argon2Hash;
    private String bcryptHash;

    @Setup
    public void prepare() {
        encoder = new IdentityConfiguration().passwordEncoder();
        // New passwords get the default (Argon2id); accounts imported with bcrypt hashes keep that prefix.
        argon2Hash = encoder.encode(PASSWORD);
        bcryptHash = "{bcrypt}" + new BCryptPasswordEncoder().encode(PASSWORD);
        if (!argon2Hash.startsWith("{argon2@SpringSecurity_v5_8}$argon2id$") || !encoder.matches(PASSWORD, argon2Hash)
                || !encoder.matches(PASSWORD, bcryptHash)) {
            throw new IllegalStateException("the benchmark must measure successful checks of real hashes");
        }
    }

    @Benchmark
    public boolean matchesArgon2id() {
        return encoder.matches(PASSWORD, argon2Hash);
    }

    @Benchmark
    public boolean matchesBcrypt() {
        return encoder.matches(PASSWORD, bcryptHash);
    }
}
