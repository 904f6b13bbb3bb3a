package dk.care.provisioning.importer;

/**
 * The file, the mapping or the options cannot be used; found before anything is published. The
 * message names the place (file, line, column) and says what to fix.
 */
final class BadInputException extends Exception {

    BadInputException(String message) {
        super(message);
    }

    /** A problem at a position of a file; line and column count from 1, the column in characters. */
    static BadInputException at(String file, long line, long column, String problem) {
        return new BadInputException(file + ", line " + line + ", column " + column + ": " + problem);
    }
}
