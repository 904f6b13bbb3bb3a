package dk.care.provisioning.invitation;

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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds every request body of the public port before anything parses it. A declared length over
 * the limit is refused unread; any other body (a chunked one has no declared length) is read into
 * memory up to one byte past the limit and refused there, so no body costs more than the limit.
 * What passes is handed on from that buffer, a form's fields (the pages' posts) as parameters too:
 * the container would parse them from the stream this filter has already read.
 */
final class BodyLimitFilter extends OncePerRequestFilter {

    private static final FormHttpMessageConverter FORMS = new FormHttpMessageConverter();

    private final int limit;
    private final ErrorAnswer tooLarge;

    BodyLimitFilter(int limit) {
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
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            tooLarge.writeTo(response, HttpStatus.CONTENT_TOO_LARGE);
            return;
        }
        chain.doFilter(new BufferedBody(request, body), response);
    }

    /** The request with its body replayed from memory. */
    private static final class BufferedBody extends HttpServletRequestWrapper {

        private final byte[] body;

        private @Nullable Map<String, String[]> parameters;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            if (parameters == null) {
                MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
                fields.addAll(form(getQueryString() == null ? new byte[0]
                        : getQueryString().getBytes(StandardCharsets.ISO_8859_1)));
                String type = getContentType();
                if (type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
                    fields.addAll(form(body));
                }
                Map<String, String[]> all = new LinkedHashMap<>();
                fields.forEach((name, values) -> all.put(name, values.toArray(String[]::new)));
                parameters = Collections.unmodifiableMap(all);
            }
            return parameters;
        }

        @Override
        public @Nullable String getParameter(String name) {
            String[] values = getParameterMap().get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            return getParameterMap().get(name);
        }

        /** The fields of a URL-encoded form, in this request's character encoding; none when it is malformed. */
        private MultiValueMap<String, String> form(byte[] encoded) {
            var message = new HttpInputMessage() {
                @Override
                public InputStream getBody() {
                    return new ByteArrayInputStream(encoded);
                }

                @Override
                public HttpHeaders getHeaders() {
                    var headers = new HttpHeaders();
                    headers.setContentType(new MediaType(MediaType.APPLICATION_FORM_URLENCODED, charset()));
                    return headers;
                }
            };
            try {
                return FORMS.read(null, message);
            } catch (IOException | IllegalArgumentException e) {
                return new LinkedMultiValueMap<>();
            }
        }

        private Charset charset() {
            String encoding = getCharacterEncoding();
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
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
            return new BufferedReader(new InputStreamReader(getInputStream(), charset()));
        }
    }
}
