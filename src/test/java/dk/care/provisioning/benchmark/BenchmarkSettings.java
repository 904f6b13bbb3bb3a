package dk.care.provisioning.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a benchmark run does, from system properties ({@code -Dbench.requests=…} on the Maven command
 * line): how many requests, their mix of login methods, partitions, worker instances, and how many
 * users the database holds before the run.
 */
record BenchmarkSettings(int requests, Map<String, Integer> mix, int partitions, int instances, int seededUsers,
                         int latencyRequests, int argon2Seconds) {

    static BenchmarkSettings fromSystemProperties(int defaultRequests) {
        int requests = Integer.getInteger("bench.requests", defaultRequests);
        return new BenchmarkSettings(
                requests,
                mix(System.getProperty("bench.mix", "phone=70,mitid=20,standard=10")),
                Integer.getInteger("bench.partitions", 6),
                Integer.getInteger("bench.instances", 1),
                Integer.getInteger("bench.seed-users", 0),
                Integer.getInteger("bench.latency-requests", Math.max(100, requests / 4)),
                Integer.getInteger("bench.argon2-seconds", 5));
    }

    private static Map<String, Integer> mix(String spec) {
        Map<String, Integer> mix = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=");
            if (!Map.of("phone", 0, "mitid", 0, "standard", 0).containsKey(kv[0])) {
                throw new IllegalArgumentException("bench.mix knows phone, mitid and standard, not " + kv[0]);
            }
            mix.put(kv[0], Integer.parseInt(kv[1]));
        }
        return mix;
    }
}
