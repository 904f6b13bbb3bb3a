package dk.care.provisioning.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of an organisation's users, newest first; {@code next} is the cursor of the following
 * page ({@code after=}), absent on the last one. Keyset pagination: a page costs the same however far in.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserPage(List<UserSummary> users, @Nullable String next) {
}
