package dk.care.provisioning.invitation;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP SMS gateway on localhost (the JDK's HttpServer): records every request and answers
 * with a scripted status per phone number, or the default status, optionally after a delay.
 */
public final class FakeSmsGateway implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private volatile int defaultStatus = 200;
    private volatile Duration delay = Duration.ZERO;

    /** One request as the gateway saw it. */
    public record Received(Instant at, String to, String message, String reference, String authorization, int answered) {
    }

    public FakeSmsGateway() {
        try {
            server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/sms", this::handle);
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/sms";
    }

    /** Answers the next requests for {@code phone} with these statuses, in order, then the default. */
    public void script(String phone, Integer... statuses) {
        scripts.put(phone, new ArrayDeque<>(List.of(statuses)));
    }

    public void answerEverythingWith(int status) {
        defaultStatus = status;
    }

    public void delayAnswers(Duration delay) {
        this.delay = delay;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> receivedFor(String phone) {
        return received.stream().filter(r -> r.to().equals(phone)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            @SuppressWarnings("unchecked")
            Map<String, String> body = JSON.readValue(exchange.getRequestBody().readAllBytes(), Map.class);
            Deque<Integer> script = scripts.get(body.get("to"));
            Integer scripted = script == null ? null : script.poll();
            int status = scripted == null ? defaultStatus : scripted;
            if (delay.isPositive()) {
                Thread.sleep(delay);
            }
            received.add(new Received(Instant.now(), body.get("to"), body.get("message"), body.get("reference"),
                    exchange.getRequestHeaders().getFirst("Authorization"), status));
            exchange.sendResponseHeaders(status, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
