package dk.care.provisioning.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 on a plain socket from a chosen local address, for what a well-behaved client will not
 * do: declare a body it never sends, or start a chunked body and never end it. The answer's status
 * line is read while the request is still open, which shows the server answered without the rest.
 */
public final class RawHttp implements AutoCloseable {

    private final Socket socket;

    private RawHttp(Socket socket) {
        this.socket = socket;
    }

    /** A connection from {@code localAddress} (any 127.x.y.z works on loopback) to 127.0.0.1:{@code port}. */
    public static RawHttp connect(InetAddress localAddress, int port, Duration readTimeout) {
        try {
            var socket = new Socket();
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout((int) readTimeout.toMillis());
            return new RawHttp(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code text} as ISO-8859-1 bytes, exactly as given (line ends included). */
    public RawHttp send(String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one chunk of a chunked body, framed. */
    public RawHttp sendChunk(String data) {
        return send(Integer.toHexString(data.getBytes(StandardCharsets.ISO_8859_1).length) + "\r\n" + data + "\r\n");
    }

    /** The status code of the answer; fails if none arrives within the read timeout. */
    public int status() {
        String line = readLine();
        if (!line.startsWith("HTTP/1.1 ")) {
            throw new IllegalStateException("not an HTTP/1.1 status line: " + line);
        }
        return Integer.parseInt(line.substring(9, 12));
    }

    private String readLine() {
        try {
            InputStream in = socket.getInputStream();
            var line = new StringBuilder();
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
