package com.contoso.avd.bench;

import com.contoso.avd.app.AppSettings;
import com.contoso.avd.emulator.AvdEmulator;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Benchmark 3, the cold-start proxy: starts the emulator here, then runs {@code ColdStartHarness} in fresh JVMs on
 * a class path of exactly a Function package (its jar and {@code lib/}) plus the harness, and reports the median
 * wall time from process start to exit after the first disconnect, the heap and the peak RSS, and the package size.
 * Configurations are interleaved run by run, so a drifting machine load hits all alike.
 *
 * <p>Arguments ({@code name=value}): {@code runs=7}, {@code packages=name:dir,...} (default the package built in
 * {@code target/azure-functions}), {@code credentials=token,identity}, {@code jvm=c1,default} (c1 =
 * {@code -XX:TieredStopAtLevel=1}, as the Java worker starts it), {@code classes=true} to also count the classes
 * each package's cold start loads, by jar.
 */
public final class ColdStartBench {
    static final String SUBSCRIPTION = "6f2c1c43-8a3a-4f3f-9c55-0a1b2c3d4e5f";
    static final String HARNESS = "com.contoso.avd.bench.harness.ColdStartHarness";
    static final Path WORK = Path.of("target/bench/coldstart");
    /** ExecutionContext and the binding types: the Java worker supplies them, so the package leaves them out. */
    private static final String WORKER_LIBRARY = location(com.microsoft.azure.functions.ExecutionContext.class);
    private static final Pattern OK = Pattern.compile(
            "ok ms=(\\d+) heapUsedKB=(\\d+) heapCommittedKB=(\\d+) vmHwmKB=(\\d+)");

    private ColdStartBench() {
    }

    record Config(String packageName, Path packageDir, String credential, String jvm) {
        String label() {
            return packageName + " " + credential + " " + jvm;
        }
    }

    /**
     * @param readyMs    process start to the harness's line after the first disconnect: the cold start
     * @param exitMs     process start to exit; HotSpot's exit waits up to 300 ms for threads in native code (the
     *                   HTTP client's selector), which a Functions worker, living on, never pays
     * @param harnessMs  the same as {@code readyMs}, from the harness's main method on
     * @param heapPeakMb the most heap in use: before any GC, or at the end
     */
    record Sample(double readyMs, double exitMs, double harnessMs, double heapPeakMb, int gcs, double rssMb) {
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args);
        int runs = a.integer("runs", 7);
        Map<String, Path> packages = new LinkedHashMap<>();
        for (String entry : a.text("packages", "current:target/azure-functions/avd-session-disconnect").split(",")) {
            String[] parts = entry.split(":", 2);
            packages.put(parts[0], Path.of(parts[1]));
        }
        List<Config> configs = new ArrayList<>();
        for (var p : packages.entrySet()) {
            for (String credential : a.text("credentials", "token,identity").split(",")) {
                for (String jvm : a.text("jvm", "c1,default").split(",")) {
                    configs.add(new Config(p.getKey(), p.getValue(), credential, jvm));
                }
            }
        }
        Files.createDirectories(WORK);
        Path harness = copyHarness();
        try (AvdEmulator emulator = AvdEmulator.start()) {
            emulator.hostPool(SUBSCRIPTION, "rg-avd", "hp-pooled").sessionHost("sh-0.contoso.local")
                    .session("6", "alice@contoso.com", "Active", "Desktop", Instant.now());
            Path trustStore = trustStore(emulator.certificatePem());
            HttpServer identity = identityEndpoint();
            try {
                Map<String, String> env = environment(emulator, identity);
                for (Config config : configs) {
                    run(config, harness, trustStore, env, List.of()); // page cache and CDS warm; not counted
                }
                Map<Config, List<Sample>> samples = new LinkedHashMap<>();
                for (int i = 0; i < runs; i++) {
                    for (Config config : configs) {
                        samples.computeIfAbsent(config, c -> new ArrayList<>())
                                .add(run(config, harness, trustStore, env, List.of()));
                    }
                }
                report(runs, packages, samples);
                if ("true".equals(a.text("classes", "false"))) {
                    for (var p : packages.entrySet()) {
                        classes(new Config(p.getKey(), p.getValue(), "identity", "c1"), harness, trustStore, env);
                    }
                }
            } finally {
                identity.stop(0);
            }
        }
    }

    private static void report(int runs, Map<String, Path> packages, Map<Config, List<Sample>> samples)
            throws IOException {
        System.out.println();
        System.out.printf("cold-start proxy: fresh JVM -> first disconnect against the emulator, median of %d "
                + "runs (%d cores)%n", runs, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-34s %9s %7s %7s %10s %8s %9s %4s %7s%n", "package credential jvm", "ready ms", "min",
                "max", "in main ms", "exit ms", "heap MB", "GCs", "RSS MB");
        for (var e : samples.entrySet()) {
            List<Sample> s = e.getValue();
            System.out.printf("%-34s %9.0f %7.0f %7.0f %10.0f %8.0f %9.1f %4.0f %7.1f%n", e.getKey().label(),
                    median(s, Sample::readyMs), s.stream().mapToDouble(Sample::readyMs).min().orElse(0),
                    s.stream().mapToDouble(Sample::readyMs).max().orElse(0), median(s, Sample::harnessMs),
                    median(s, Sample::exitMs), median(s, Sample::heapPeakMb), median(s, x -> x.gcs()),
                    median(s, Sample::rssMb));
        }
        System.out.println("ready = process start to first disconnect done (medians); exit = to process exit; "
                + "heap = peak in use; RSS = peak (VmHWM)");
        System.out.printf("%-12s %10s %6s%n", "package", "size MB", "jars");
        for (var p : packages.entrySet()) {
            long[] size = size(p.getValue());
            System.out.printf("%-12s %10.2f %6d%n", p.getKey(), size[0] / 1e6, size[1]);
        }
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> field) {
        return BenchArgs.median(samples.stream().map(field::applyAsDouble).toList());
    }

    static Sample run(Config config, Path harness, Path trustStore, Map<String, String> env, List<String> extra)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (config.jvm().equals("c1")) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.add("-Djavax.net.ssl.trustStore=" + trustStore);
        command.add("-Djavax.net.ssl.trustStorePassword=changeit");
        Path gcLog = WORK.resolve("gc.log");
        Files.deleteIfExists(gcLog);
        command.add("-Xlog:gc:file=" + gcLog);
        command.addAll(extra);
        command.add("-cp");
        command.add(config.packageDir() + "/*:" + config.packageDir() + "/lib/*:" + WORKER_LIBRARY + ":" + harness);
        command.add(HARNESS);
        command.add(config.credential());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        double readyMs = 0;
        Matcher m = null;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.append(line).append('\n');
                Matcher ok = OK.matcher(line);
                if (ok.find()) {
                    readyMs = (System.nanoTime() - started) / 1e6;
                    m = ok;
                }
            }
        }
        int exit = process.waitFor();
        double exitMs = (System.nanoTime() - started) / 1e6;
        if (exit != 0 || m == null) {
            throw new IllegalStateException(config.label() + " failed (exit " + exit + "):\n" + output);
        }
        double heapPeakMb = Double.parseDouble(m.group(2)) / 1024;
        int gcs = 0;
        Matcher pause = Pattern.compile("Pause.* (\\d+)M->\\d+M").matcher(Files.readString(gcLog));
        while (pause.find()) {
            gcs++;
            heapPeakMb = Math.max(heapPeakMb, Double.parseDouble(pause.group(1)));
        }
        return new Sample(readyMs, exitMs, Double.parseDouble(m.group(1)), heapPeakMb, gcs,
                Double.parseDouble(m.group(4)) / 1024);
    }

    /** Loaded classes by source (jar, or the JDK), for one cold start. */
    private static void classes(Config config, Path harness, Path trustStore, Map<String, String> env)
            throws IOException, InterruptedException {
        Path log = WORK.resolve("classes-" + config.packageName() + ".log");
        run(config, harness, trustStore, env, List.of("-Xlog:class+load=info:file=" + log));
        Map<String, Integer> bySource = new HashMap<>();
        Pattern source = Pattern.compile("source: (.*)$");
        for (String line : Files.readAllLines(log)) {
            Matcher m = source.matcher(line);
            if (m.find()) {
                String s = m.group(1);
                String key = s.contains(".jar") ? s.replaceAll(".*/([^/]+\\.jar).*", "$1")
                        : s.startsWith("jrt:") || s.contains("shared objects file") ? "JDK" : s.contains("harness")
                        ? "harness" : s.contains(":") ? "other: " + s : "generated (lambdas, proxies)";
                bySource.merge(key, 1, Integer::sum);
            }
        }
        System.out.println();
        System.out.println("classes loaded by one cold start (" + config.label() + "): "
                + bySource.values().stream().mapToInt(Integer::intValue).sum());
        bySource.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> System.out.printf("%7d  %s%n", e.getValue(), e.getKey()));
    }

    /** The app settings of the run, as the platform would set them, and the identity endpoint's variables. */
    private static Map<String, String> environment(AvdEmulator emulator, HttpServer identity) {
        Map<String, String> env = new HashMap<>();
        env.put(AppSettings.ARM_ENDPOINT, emulator.endpoint().toString());
        env.put(AppSettings.ALLOWED_SCOPES, "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-avd");
        env.put(AppSettings.RESULTS_TOPIC, "disconnect-results");
        env.put(AppSettings.REQUESTS_QUEUE, "disconnect-requests");
        env.put(AppSettings.SERVICE_BUS_NAMESPACE, "sb-avd.servicebus.windows.net");
        env.put("IDENTITY_ENDPOINT", "http://127.0.0.1:" + identity.getAddress().getPort() + "/msi/token");
        env.put("IDENTITY_HEADER", "cold-start-identity-header");
        env.put("BENCH_MESSAGE", "{\"inputObject\": \"/subscriptions/" + SUBSCRIPTION + "/resourcegroups/rg-avd/"
                + "providers/Microsoft.DesktopVirtualization/hostpools/hp-pooled/sessionhosts/sh-0.contoso.local/"
                + "usersessions/6\"}");
        return env;
    }

    /**
     * App Service's managed identity endpoint, as Flex Consumption exposes it (IDENTITY_ENDPOINT, IDENTITY_HEADER):
     * answers the emulator's token to a request that carries the header.
     */
    private static HttpServer identityEndpoint() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/msi/token", exchange -> {
            boolean authorized = "cold-start-identity-header".equals(
                    exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"));
            String body = authorized ? "{\"access_token\": \"" + AvdEmulator.TOKEN + "\", \"expires_on\": \""
                    + (Instant.now().getEpochSecond() + 3600) + "\", \"resource\": \"arm\", \"token_type\": \"Bearer\"}"
                    : "{\"error\": \"missing X-IDENTITY-HEADER\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(authorized ? 200 : 400, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    /** The JDK's CA certificates plus the emulator's: the harness uses the JVM's default TLS trust, as in Azure. */
    private static Path trustStore(String emulatorPem) throws Exception {
        Path pem = WORK.resolve("emulator-cert.pem");
        Files.writeString(pem, emulatorPem);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security",
                "cacerts"))) {
            store.load(in, "changeit".toCharArray());
        }
        try (InputStream in = Files.newInputStream(pem)) {
            store.setCertificateEntry("avd-emulator", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path file = WORK.resolve("truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        return file;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only the harness's classes, out of the bench's compiled test classes. */
    private static Path copyHarness() throws Exception {
        Path classes = Path.of(location(ColdStartBench.class));
        String pkg = HARNESS.substring(0, HARNESS.lastIndexOf('.')).replace('.', '/');
        Path target = WORK.resolve("harness");
        Files.createDirectories(target.resolve(pkg));
        try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
            for (Path f : files.toList()) {
                Files.copy(f, target.resolve(pkg).resolve(f.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target.toAbsolutePath();
    }

    /** Bytes and jar count of a package directory. */
    static long[] size(Path dir) throws IOException {
        long[] out = new long[2];
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out[0] += Files.size(f);
                if (f.toString().endsWith(".jar")) {
                    out[1]++;
                }
            }
        }
        return out;
    }
}
