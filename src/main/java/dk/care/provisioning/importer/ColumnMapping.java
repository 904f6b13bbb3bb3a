package dk.care.provisioning.importer;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * How the columns of one HR export become request fields, read from a properties file (UTF-8):
 * <pre>
 * source = hr-payroll                  # the sending system: the request's source, part of every requestId
 * column.name = Navn                   # the field's value comes from this column of the header
 * column.name = Fornavn Efternavn      # or from several, joined by a space (blank cells left out)
 * column.name = {Efternavn}, {Fornavn} # or from a template: {column} is the cell, the rest is text
 * default.organisationId = demo-care   # used when there is no column, or its cell is blank
 * value.userType.Medarbejder = EMPLOYEE   # a cell value translated before use
 * dateFormat = dd-MM-yyyy              # how startDate and endDate are written; default ISO, 2026-12-31
 * </pre>
 * Fields are those of {@link RequestField}. A key with spaces is written with {@code \ } (Java
 * properties). Every problem is found when the mapping is loaded, before any row is read.
 */
final class ColumnMapping {

    private static final String SOURCE = "source";
    private static final String COLUMN = "column.";
    private static final String DEFAULT = "default.";
    private static final String VALUE = "value.";
    private static final String DATE_FORMAT = "dateFormat";
    private static final String ISO_DATE = "yyyy-MM-dd";
    private static final int MAX_SOURCE_LENGTH = 50;

    private final String source;
    private final Map<RequestField, CellTemplate> columns;
    private final Map<RequestField, String> defaults;
    private final Map<RequestField, Map<String, String>> translations;
    private final String dateFormat;
    private final DateTimeFormatter dates;

    private ColumnMapping(String source, Map<RequestField, CellTemplate> columns, Map<RequestField, String> defaults,
                          Map<RequestField, Map<String, String>> translations, String dateFormat) {
        this.source = source;
        this.columns = columns;
        this.defaults = defaults;
        this.translations = translations;
        this.dateFormat = dateFormat;
        // yyyy is the year of an era, which a strict parser only resolves with the era: uuuu is the plain year.
        this.dates = DateTimeFormatter.ofPattern(dateFormat.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
    }

    static ColumnMapping load(Path file, String csvName, List<String> header) throws IOException, BadInputException {
        var properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new BadInputException("no mapping file " + file);
        } catch (CharacterCodingException e) {
            throw new BadInputException(file.getFileName() + " is not UTF-8; save the mapping as UTF-8");
        } catch (IllegalArgumentException e) {
            throw new BadInputException(file.getFileName() + " is not a valid properties file: " + e.getMessage());
        }
        return of(properties, file.getFileName().toString(), csvName, header);
    }

    static ColumnMapping of(Properties properties, String mappingName, String csvName, List<String> header)
            throws BadInputException {
        String source = null;
        String dateFormat = ISO_DATE;
        Map<RequestField, CellTemplate> columns = new EnumMap<>(RequestField.class);
        Map<RequestField, String> defaults = new EnumMap<>(RequestField.class);
        Map<RequestField, Map<String, String>> translations = new EnumMap<>(RequestField.class);
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).strip();
            if (key.equals(SOURCE)) {
                source = value;
            } else if (key.equals(DATE_FORMAT)) {
                dateFormat = dateFormat(mappingName, value);
            } else if (key.startsWith(COLUMN)) {
                RequestField field = field(mappingName, key, key.substring(COLUMN.length()));
                columns.put(field, cells(mappingName, key, value, csvName, header));
            } else if (key.startsWith(DEFAULT)) {
                RequestField field = field(mappingName, key, key.substring(DEFAULT.length()));
                defaults.put(field, allowed(mappingName, key, field, value));
            } else if (key.startsWith(VALUE) && key.indexOf('.', VALUE.length()) > 0) {
                String rest = key.substring(VALUE.length());
                RequestField field = field(mappingName, key, rest.substring(0, rest.indexOf('.')));
                translations.computeIfAbsent(field, f -> new HashMap<>())
                        .put(rest.substring(rest.indexOf('.') + 1), allowed(mappingName, key, field, value));
            } else {
                throw new BadInputException(mappingName + ": unknown key '" + key + "'; keys are source, column.<field>, "
                        + "default.<field>, value.<field>.<cell value> and dateFormat");
            }
        }
        if (source == null || source.isBlank() || source.length() > MAX_SOURCE_LENGTH) {
            throw new BadInputException(mappingName + ": 'source' must name the sending system (1-"
                    + MAX_SOURCE_LENGTH + " characters), e.g. source = hr-payroll");
        }
        for (RequestField field : RequestField.values()) {
            if (field.required() && !columns.containsKey(field) && !defaults.containsKey(field)) {
                throw new BadInputException(mappingName + ": '" + field.key() + "' needs column." + field.key()
                        + " or default." + field.key() + "; every request has one");
            }
        }
        for (RequestField field : RequestField.values()) {
            if (field.date() && (defaults.containsKey(field) || translations.containsKey(field))) {
                throw new BadInputException(mappingName + ": " + field.key() + " takes only column." + field.key()
                        + "; a default or translated date would apply to every row alike");
            }
        }
        return new ColumnMapping(source, columns, defaults, translations, dateFormat);
    }

    private static String dateFormat(String mappingName, String pattern) throws BadInputException {
        try {
            DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(mappingName + ": dateFormat = " + pattern + " is not a date pattern ("
                    + e.getMessage() + "); e.g. dd-MM-yyyy or yyyy-MM-dd");
        }
        if (!pattern.contains("d") || !pattern.contains("M") || !pattern.contains("y")) {
            throw new BadInputException(mappingName + ": dateFormat = " + pattern + " must have a day (d), a month (M) "
                    + "and a year (y), e.g. dd-MM-yyyy");
        }
        return pattern;
    }

    /**
     * Where a field's value comes from: one column named exactly so; else a template with
     * {@code {column}} parts; else several columns separated by spaces, joined with one space.
     */
    private static CellTemplate cells(String mappingName, String key, String value, String csvName, List<String> header)
            throws BadInputException {
        if (header.contains(value) || !(value.contains("{") || value.contains(" "))) {
            return CellTemplate.column(column(mappingName, key, value, csvName, header));
        }
        List<CellTemplate.Part> parts = new ArrayList<>();
        if (value.contains("{")) {
            int at = 0;
            while (at < value.length()) {
                int open = value.indexOf('{', at);
                if (open < 0) {
                    parts.add(new CellTemplate.Text(value.substring(at)));
                    break;
                }
                int close = value.indexOf('}', open);
                if (close < 0) {
                    throw new BadInputException(mappingName + ": " + key + " = " + value + " has a { without a }");
                }
                if (open > at) {
                    parts.add(new CellTemplate.Text(value.substring(at, open)));
                }
                parts.add(new CellTemplate.Cell(column(mappingName, key, value.substring(open + 1, close).strip(),
                        csvName, header)));
                at = close + 1;
            }
        } else {
            for (String name : value.split("\\s+")) {
                if (!parts.isEmpty()) {
                    parts.add(new CellTemplate.Text(" "));
                }
                parts.add(new CellTemplate.Cell(column(mappingName, key, name, csvName, header)));
            }
        }
        return new CellTemplate(parts);
    }

    private static RequestField field(String mappingName, String key, String name) throws BadInputException {
        return RequestField.byKey(name).orElseThrow(() -> new BadInputException(mappingName + ": '" + key
                + "' names no request field; fields are " + RequestField.keys()));
    }

    private static int column(String mappingName, String key, String name, String csvName, List<String> header)
            throws BadInputException {
        int index = header.indexOf(name);
        if (index < 0) {
            throw BadInputException.at(csvName, 1, 1, "no column '" + name + "' (" + mappingName + ": " + key
                    + "); the header has " + String.join(", ", header.stream().map(h -> "'" + h + "'").toList()));
        }
        if (header.lastIndexOf(name) != index) {
            throw BadInputException.at(csvName, 1, 1, "columns " + (index + 1) + " and " + (header.lastIndexOf(name) + 1)
                    + " are both named '" + name + "' (" + mappingName + ": " + key + ")");
        }
        return index;
    }

    private static String allowed(String mappingName, String key, RequestField field, String value)
            throws BadInputException {
        List<String> allowed = field.allowedValues();
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw new BadInputException(mappingName + ": " + key + " = " + value + " is not one of " + allowed);
        }
        return value;
    }

    String source() {
        return source;
    }

    boolean mapsSecrets() {
        return columns.keySet().stream().anyMatch(RequestField::secret)
                || defaults.keySet().stream().anyMatch(RequestField::secret);
    }

    /**
     * The row's value of every mapped field: the cell stripped (blank counts as absent), else the default,
     * then translated. An enumerated field whose value is not allowed is left out and reported.
     */
    Mapped apply(CsvRow row) {
        Map<RequestField, String> values = new EnumMap<>(RequestField.class);
        Map<RequestField, LocalDate> dateValues = new EnumMap<>(RequestField.class);
        List<String> unknown = new ArrayList<>();
        List<String> badDates = new ArrayList<>();
        for (RequestField field : RequestField.values()) {
            CellTemplate cells = columns.get(field);
            String value = cells == null ? null : cells.apply(row.fields());
            if (field.date()) {
                if (value != null && !value.isEmpty()) {
                    try {
                        dateValues.put(field, LocalDate.parse(value, dates));
                    } catch (DateTimeParseException e) {
                        badDates.add(field.requestField());
                    }
                }
                continue;
            }
            if (value == null || value.isEmpty()) {
                value = defaults.get(field);
            }
            if (value == null) {
                continue;
            }
            value = translations.getOrDefault(field, Map.of()).getOrDefault(value, value);
            List<String> allowed = field.allowedValues();
            if (!allowed.isEmpty() && !allowed.contains(value)) {
                unknown.add(field.requestField());
                continue;
            }
            values.put(field, value);
        }
        return new Mapped(values, unknown, dateValues, badDates);
    }

    /** How the mapping writes dates, for messages: e.g. {@code dd-MM-yyyy}. */
    String dateFormat() {
        return dateFormat;
    }

    /** Whether every row has a value of the field's column (a default is not one). */
    boolean hasColumn(RequestField field) {
        return columns.containsKey(field);
    }

    /** The field's default, when the mapping has one. */
    @Nullable String defaultOf(RequestField field) {
        return defaults.get(field);
    }

    /**
     * A row's field values, the enumerated fields whose cell matched no allowed value or translation, its
     * dates, and the date fields whose cell is not a date in the mapping's format.
     */
    record Mapped(Map<RequestField, String> values, List<String> untranslatable, Map<RequestField, LocalDate> dates,
                  List<String> badDates) {

        Mapped(Map<RequestField, String> values, List<String> untranslatable) {
            this(values, untranslatable, Map.of(), List.of());
        }

        @Nullable String get(RequestField field) {
            return values.get(field);
        }

        @Nullable LocalDate date(RequestField field) {
            return dates.get(field);
        }
    }
}
