package dk.care.provisioning.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Requests of the invitation APIs that cannot be read get a fixed answer, and Spring's default
 * resolver, which logs each exception's message at WARN, never sees them: a parser's message can
 * quote the input, and the input can be a token or a password.
 */
// By package name: the web module knows no feature's types.
@RestControllerAdvice(basePackages = "dk.care.provisioning.invitation")
class UnreadableRequests {

    static final ErrorAnswer MALFORMED = new ErrorAnswer("MALFORMED_REQUEST",
            "The request body is not the JSON object this API expects.");

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorAnswer> malformedBody() {
        return ResponseEntity.badRequest().body(MALFORMED);
    }

    /** An invitation id that is not a UUID names no invitation. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Void> notAnId() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }
}
