package dk.care.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every relative link of the README and of {@code docs/*.md} reaches a file, and a heading where it names one. */
class DocumentationLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
        List<Path> documents = documents();
        assertThat(documents).contains(Path.of("README.md"), Path.of("docs", "design.md"));
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents) {
            for (String target : links(document)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                checked++;
                String problem = problem(document, target);
                if (problem != null) {
                    broken.add(document + ": " + target + " (" + problem + ")");
                }
            }
        }
        assertThat(checked).as("relative links seen").isGreaterThan(30);
        assertThat(broken).isEmpty();
    }

    @Test
    void anchorsAreTheSlugsGitHubGivesHeadings() {
        assertThat(anchors(List.of("# Configuration", "## Invitations (`provisioning.invitations.*`)",
                "## Tested against Confluent's serde and images", "## Tests", "### Tests", "```", "# not a heading", "```")))
                .containsExactlyInAnyOrder("configuration", "invitations-provisioninginvitations",
                        "tested-against-confluents-serde-and-images", "tests", "tests-1");
    }

    private static String problem(Path document, String target) {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? document : document.resolveSibling(file).normalize();
        if (resolved.startsWith("..") || !Files.exists(resolved)) {
            return "no such file in the repository";
        }
        if (hash < 0 || !resolved.toString().endsWith(".md")) {
            return null;
        }
        return anchors(lines(resolved)).contains(target.substring(hash + 1)) ? null : "no such heading";
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** Link targets outside fenced code blocks. */
    private static List<String> links(Path document) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : lines(document)) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    targets.add(link.group(1));
                }
            }
        }
        return targets;
    }

    /** GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
    private static Set<String> anchors(List<String> lines) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (fenced || !heading.matches()) {
                continue;
            }
            String slug = heading.group(1).strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int repeats = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
        }
        return anchors;
    }

    private static List<String> lines(Path document) {
        try {
            return Files.readAllLines(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
