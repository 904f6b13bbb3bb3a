package dk.care.provisioning.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body of the public port before anything parses it. A declared length over
 * the limit is refused unread; a form body (a page's form) must declare its length; any other body
 * (a chunked one has no declared length) is read into memory up to one byte past the limit and
 * refused there, so no body costs more than the limit. What passes is handed on from that buffer.
 */
public final class BodyLimitFilter extends OncePerRequestFilter {

    private final int limit;
    private final ErrorAnswer tooLarge;

    /** Refuses bodies over {@code limit} bytes. */
    public BodyLimitFilter(int limit) {
        this.limit = limit;
        this.tooLarge = new ErrorAnswer("BODY_TOO_LARGE", "The request body is larger than " + limit + " bytes.");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            tooLarge.writeTo(response, HttpStatus.CONTENT_TOO_LARGE);
            return;
        }
        if (isForm(request)) {
            // Left unread: the servlet container parses a form body into parameters only from its own
            // stream, and a browser always declares a form's length, which was bounded above.
            if (request.getContentLengthLong() < 0) {
                response.setStatus(HttpStatus.LENGTH_REQUIRED.value());
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            tooLarge.writeTo(response, HttpStatus.CONTENT_TOO_LARGE);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /** The request with its body replayed from memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return in.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already in memory");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
