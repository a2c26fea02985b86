package dev.memprof.cli;

import picocli.CommandLine;

/** An option value typed as one of two words (jfr or async-profiler); any other is a one-line usage error. */
abstract class WordConverter<T> implements CommandLine.ITypeConverter<T> {
    private final String what;
    private final String firstWord, secondWord;
    private final T first, second;

    /** {@code what}: the value's kind with its article, as the error says it ("an engine"). */
    WordConverter(String what, String firstWord, T first, String secondWord, T second) {
        this.what = what;
        this.firstWord = firstWord;
        this.first = first;
        this.secondWord = secondWord;
        this.second = second;
    }

    @Override
    public T convert(String value) {
        String word = value.strip();
        if (word.equals(firstWord)) return first;
        if (word.equals(secondWord)) return second;
        throw new CommandLine.TypeConversionException("'" + value + "' is not " + what + ": " + firstWord + " or " + secondWord);
    }
}
