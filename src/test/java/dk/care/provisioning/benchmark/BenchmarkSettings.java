package dk.care.provisioning.benchmark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark run does, from system properties ({@code -Dbench.requests=…} on the Maven command
 * line): how many requests, their mix of login methods, partitions, worker instances, how many users
 * the database holds before the run, whether commits are durable, the fixed rates at which latency
 * is measured (STANDARD alone at {@code standardRates}, and STANDARD at {@code standardBeside} per second
 * beside phone/MitID at {@code besideRate}), the console's path for {@code consoleRequests} passwords, and how many separate worker processes share the load at the end;
 * and how many changes of the users created are drained after the creations, in which mix of change kinds.
 */
record BenchmarkSettings(int requests, Map<String, Integer> mix, int changes, Map<String, Integer> changeMix,
                         int partitions, int instances, int seededUsers,
                         int argon2Seconds, boolean durable, List<Integer> rates, Map<String, Integer> rateMix,
                         List<Integer> standardRates, int besideRate, int standardBeside,
                         int consoleRequests,
                         int rateWarmUpSeconds, int rateSeconds, int processes,
                         List<String> workerArgs) {

    private static final List<String> LOGIN_METHODS = List.of("phone", "mitid", "standard");
    static final List<String> CHANGE_KINDS = List.of("move", "contact", "deactivate");

    static BenchmarkSettings fromSystemProperties(int defaultRequests) {
        int requests = Integer.getInteger("bench.requests", defaultRequests);
        return new BenchmarkSettings(
                requests,
                mix(System.getProperty("bench.mix", "phone=70,mitid=20,standard=10"), LOGIN_METHODS),
                Integer.getInteger("bench.changes", requests / 2),
                mix(System.getProperty("bench.change-mix", "move=60,contact=20,deactivate=20"), CHANGE_KINDS),
                Integer.getInteger("bench.partitions", 6),
                Integer.getInteger("bench.instances", 1),
                Integer.getInteger("bench.seed-users", 0),
                Integer.getInteger("bench.argon2-seconds", 5),
                Boolean.parseBoolean(System.getProperty("bench.durable", "true")),
                rates(System.getProperty("bench.rates", "100,500,1000")),
                mix(System.getProperty("bench.rate-mix", "phone=80,mitid=20"), LOGIN_METHODS),
                rates(System.getProperty("bench.standard-rates", "5,20")),
                Integer.getInteger("bench.beside-rate", 500),
                Integer.getInteger("bench.standard-beside", 5),
                Integer.getInteger("bench.console-requests", 20),
                Integer.getInteger("bench.rate-warm-up-seconds", 5),
                Integer.getInteger("bench.rate-seconds", 20),
                Integer.getInteger("bench.processes", 0),
                Arrays.stream(System.getProperty("bench.worker-args", "").split(" "))
                        .filter(arg -> !arg.isBlank()).toList());
    }

    private static List<Integer> rates(String spec) {
        return Arrays.stream(spec.split(",")).filter(rate -> !rate.isBlank()).map(rate -> Integer.parseInt(rate.trim()))
                .toList();
    }

    /** Requests sent at {@code rate} per second for the configured number of seconds. */
    int requestsAt(int rate) {
        return Math.max(20, rate * rateSeconds);
    }

    private static Map<String, Integer> mix(String spec, List<String> known) {
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            if (!known.contains(kv[0])) {
                throw new IllegalArgumentException("this mix knows " + known + ", not " + kv[0]);
            }
            mix.put(kv[0], Integer.parseInt(kv[1]));
        }
        return mix;
    }
}
