package dk.care.provisioning.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.care.provisioning.user.ErrorCode;
import dk.care.provisioning.user.FieldRules;
import dk.care.provisioning.user.PasswordPolicy;
import dk.care.provisioning.user.Violation;
import dk.care.provisioning.v1.MitIdLogin;
import dk.care.provisioning.v1.StandardLogin;
import dk.care.provisioning.v1.UserType;
import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ColumnMappingTest {

    private static final List<String> HEADER = List.of("Nr", "Navn", "Rolle", "Login", "Brugernavn", "Kode", "CPR", "Mobil");
    private static final String MAPPING = """
            source = hr-payroll
            column.externalId = Nr
            column.name = Navn
            column.roleId = Rolle
            column.userType = Rolle
            column.login = Login
            column.username = Brugernavn
            column.password = Kode
            column.cpr = CPR
            column.phone = Mobil
            default.organisationId = demo-care
            default.departmentId = demo-care.home-care
            value.roleId.Plejer = demo-care.caregiver
            value.userType.Plejer = EMPLOYEE
            value.login.Adgangskode = STANDARD
            value.login.MitID = MITID
            value.login.SMS = PHONE_SELF_REGISTRATION
            """;

    @Test
    void translatesCellsAndFillsDefaults() throws Exception {
        RowCheck.Checked checked = check("7;Søren Ærø;Plejer;Adgangskode;soren.aero;Blåbærgrød-med-fløde;;+4520123456");

        var request = checked.request();
        assertThat(List.of(request.getExternalId(), request.getName(), request.getRoleId(), request.getOrganisationId(),
                request.getDepartmentId(), request.getSource(), request.getCorrelationId()))
                .containsExactly("7", "Søren Ærø", "demo-care.caregiver", "demo-care", "demo-care.home-care",
                        "hr-payroll", "import:export.csv:1");
        assertThat(request.getUserType()).isEqualTo(UserType.EMPLOYEE);
        assertThat(request.getLogin()).isEqualTo(new StandardLogin("soren.aero", "Blåbærgrød-med-fløde", false));
    }

    @Test
    void checksRowsWithTheWorkersFieldRulesAndReportsEveryViolation() throws Exception {
        RowCheck.Checked checked = check("8;Jens;Plejer;Adgangskode;jens;jens-password;;20123456");

        assertThat(checked.violations()).extracting(Violation::code, Violation::field).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ErrorCode.REQUIRED_FIELD_MISSING, "email"),
                org.assertj.core.groups.Tuple.tuple(ErrorCode.PHONE_MISSING_COUNTRY_CODE, "phone"),
                org.assertj.core.groups.Tuple.tuple(ErrorCode.PASSWORD_TOO_WEAK, "login.password"));
    }

    @Test
    void anUntranslatableCellIsReportedOnceAndTheRestOfTheRowStillChecked() throws Exception {
        RowCheck.Checked checked = check("9;Ib;Vikar;Telefon;;;;+4520123456");

        assertThat(checked.violations()).extracting(Violation::code, Violation::field).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(ErrorCode.MALFORMED_MESSAGE, "userType"),
                org.assertj.core.groups.Tuple.tuple(ErrorCode.MALFORMED_MESSAGE, "login"));
        assertThat(checked.violations().getFirst().message()).doesNotContain("Vikar", "Telefon");
    }

    @Test
    void aMitIdRowCarriesItsCprAsTheLoginSecret() throws Exception {
        RowCheck.Checked checked = check("10;Åse;Plejer;MitID;;;0101901234;");

        assertThat(checked.request().getLogin()).isEqualTo(new MitIdLogin("0101901234"));
        assertThat(checked.violations()).extracting(Violation::field).containsExactly("email");
    }

    @Test
    void aMissingColumnNamesTheColumnAndTheHeader() {
        assertThatThrownBy(() -> mapping(MAPPING + "column.email = E-mail\n"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("export.csv, line 1, column 1: no column 'E-mail' (mapping.properties: column.email); "
                        + "the header has 'Nr', 'Navn', 'Rolle', 'Login', 'Brugernavn', 'Kode', 'CPR', 'Mobil'");
    }

    @Test
    void rejectsUnknownKeysUnknownFieldsMissingRequiredFieldsAndValuesOutsideAnEnumeration() {
        assertThatThrownBy(() -> mapping(MAPPING + "colum.name = Navn\n")).hasMessageContaining("unknown key 'colum.name'");
        assertThatThrownBy(() -> mapping(MAPPING + "column.navn = Navn\n"))
                .hasMessageContaining("'column.navn' names no request field");
        assertThatThrownBy(() -> mapping(MAPPING.replace("default.organisationId = demo-care\n", "")))
                .hasMessageContaining("'organisationId' needs column.organisationId or default.organisationId");
        assertThatThrownBy(() -> mapping(MAPPING + "value.userType.Leder = BOSS\n"))
                .hasMessageContaining("value.userType.Leder = BOSS is not one of [EMPLOYEE, RELATIVE, ADMINISTRATOR]");
        assertThatThrownBy(() -> mapping(MAPPING.replace("source = hr-payroll\n", "")))
                .hasMessageContaining("'source' must name the sending system");
    }

    private static final List<String> SPLIT_HEADER = List.of("Nr", "Fornavn", "Mellemnavn", "Efternavn", "Start", "Slut",
            "Afdeling navn");
    private static final String SPLIT_MAPPING = """
            source = hr-payroll
            column.externalId = Nr
            column.departmentId = Afdeling navn
            column.startDate = Start
            column.endDate = Slut
            default.organisationId = demo-care
            default.roleId = demo-care.caregiver
            default.userType = EMPLOYEE
            default.login = PHONE_SELF_REGISTRATION
            """;

    @Test
    void aFieldFromSeveralColumnsJoinsTheirCellsWithOneSpaceLeavingBlankOnesOut() throws Exception {
        ColumnMapping mapping = splitMapping("column.name = Fornavn Mellemnavn Efternavn\n");

        assertThat(mapping.apply(splitRow("1; Søren ;; Kjærgaard;;;Hjemmeplejen")).get(RequestField.NAME))
                .isEqualTo("Søren Kjærgaard");
        assertThat(mapping.apply(splitRow("2;Åse;Marie;Bjørnstrøm;;;Hjemmeplejen")).get(RequestField.NAME))
                .isEqualTo("Åse Marie Bjørnstrøm");
        assertThat(mapping.apply(splitRow("3;;;;;;Hjemmeplejen")).get(RequestField.NAME)).isNull();
    }

    @Test
    void aTemplateJoinsColumnsWithItsTextAndAColumnNamedWithASpaceStaysOneColumn() throws Exception {
        ColumnMapping mapping = splitMapping("column.name = {Efternavn}, {Fornavn}\n");

        ColumnMapping.Mapped row = mapping.apply(splitRow("1;Søren;;Kjærgaard;;;Plejecenter Solhaven"));
        assertThat(row.get(RequestField.NAME)).isEqualTo("Kjærgaard, Søren");
        assertThat(row.get(RequestField.DEPARTMENT_ID)).isEqualTo("Plejecenter Solhaven");
        assertThatThrownBy(() -> splitMapping("column.name = {Fornavn} {Efternavnet}\n"))
                .hasMessageContaining("no column 'Efternavnet' (mapping.properties: column.name)");
        assertThatThrownBy(() -> splitMapping("column.name = {Fornavn\n")).hasMessageContaining("has a { without a }");
    }

    @Test
    void readsDatesInTheMappingsFormatIsoByDefaultAndStrictly() throws Exception {
        ColumnMapping.Mapped iso = splitMapping("").apply(splitRow("1;A;;B;2027-01-04;2027-02-28;X"));
        assertThat(iso.date(RequestField.START_DATE)).isEqualTo(java.time.LocalDate.of(2027, 1, 4));
        assertThat(iso.date(RequestField.END_DATE)).isEqualTo(java.time.LocalDate.of(2027, 2, 28));

        ColumnMapping danish = splitMapping("dateFormat = dd-MM-yyyy\n");
        assertThat(danish.apply(splitRow("1;A;;B;04-01-2027;;X")).date(RequestField.START_DATE))
                .isEqualTo(java.time.LocalDate.of(2027, 1, 4));
        ColumnMapping.Mapped wrong = danish.apply(splitRow("1;A;;B;2027-01-04;30-02-2027;X"));
        assertThat(wrong.badDates()).containsExactly("startDate", "endDate");
        assertThat(wrong.date(RequestField.END_DATE)).isNull();
    }

    @Test
    void aDateThatIsNoDateMakesTheRowInvalidAndNamesTheFormat() throws Exception {
        var check = new RowCheck(splitMapping("column.name = Fornavn Efternavn\ndateFormat = dd-MM-yyyy\n"),
                new FieldRules(new PasswordPolicy(PasswordPolicy.DEFAULT_MINIMUM_LENGTH)), "export.csv", "hr", 1,
                Clock.systemUTC());

        RowCheck.Checked checked = check.check(splitRow("1;Åse;;Holm;31-12-2026;2027-01-31;X"));

        assertThat(checked.violations()).extracting(Violation::code, Violation::field)
                .contains(org.assertj.core.groups.Tuple.tuple(ErrorCode.MALFORMED_MESSAGE, "endDate"));
        assertThat(checked.violations()).extracting(Violation::message)
                .contains("endDate must be a date written dd-MM-yyyy, as the mapping's dateFormat says");
    }

    @Test
    void rejectsADateFormatWithoutDayMonthAndYearAndADefaultDate() {
        assertThatThrownBy(() -> splitMapping("dateFormat = MM-yyyy\n")).hasMessageContaining("must have a day");
        assertThatThrownBy(() -> splitMapping("dateFormat = dd-MM-yyyy-q{\n")).hasMessageContaining("is not a date pattern");
        assertThatThrownBy(() -> splitMapping("default.endDate = 2026-12-31\n"))
                .hasMessageContaining("endDate takes only column.endDate");
    }

    @Test
    void datesLeaveTheRequestIdsOfEarlierImportsAsTheyWere() throws Exception {
        ColumnMapping withDates = splitMapping("column.name = Fornavn Efternavn\n");
        ColumnMapping withoutDates = ColumnMapping.of(properties(SPLIT_MAPPING.replace("column.startDate = Start\n", "")
                .replace("column.endDate = Slut\n", "") + "column.name = Fornavn Efternavn\n"), "mapping.properties",
                "export.csv", SPLIT_HEADER);

        CsvRow row = splitRow("1;Åse;;Holm;2027-01-04;2027-01-31;X");
        assertThat(RequestIds.of("hr-payroll", withDates.apply(row), 1))
                .isEqualTo(RequestIds.of("hr-payroll", withoutDates.apply(row), 1));
    }

    private static ColumnMapping splitMapping(String extra) throws IOException, BadInputException {
        return ColumnMapping.of(properties(SPLIT_MAPPING + extra), "mapping.properties", "export.csv", SPLIT_HEADER);
    }

    private static CsvRow splitRow(String line) {
        return new CsvRow(1, 2, List.of(line.split(";", -1)));
    }

    private static Properties properties(String text) throws IOException {
        var properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    private static ColumnMapping mapping(String text) throws IOException, BadInputException {
        var properties = new Properties();
        properties.load(new StringReader(text));
        return ColumnMapping.of(properties, "mapping.properties", "export.csv", HEADER);
    }

    private static RowCheck.Checked check(String line) throws IOException, BadInputException {
        var check = new RowCheck(mapping(MAPPING), new FieldRules(new PasswordPolicy(PasswordPolicy.DEFAULT_MINIMUM_LENGTH)), "export.csv",
                "hr", 1, Clock.systemUTC());
        return check.check(new CsvRow(1, 2, List.of(line.split(";", -1))));
    }
}
