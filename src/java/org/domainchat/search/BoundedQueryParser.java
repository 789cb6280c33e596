package org.domainchat.search;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.util.automaton.RegExp;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Lucene's classic query syntax for what people type into a search box, with every way to fail turned into an
 * {@link ArchiveSearch.InvalidQuery} (a 400, never a 500) that says where, and a bound on what one term may cost.
 * Plain Lucene lets {@code /a{1000000}/} build a million-state automaton before anything checks it, throws
 * {@link IllegalArgumentException} for {@code /[/} and {@code /[z-a]/}, and {@link TooComplexToDeterminizeException}
 * for patterns that explode when determinised: here a pattern ({@code /regex/}, {@code wild*card}, {@code fuzzy~}) is
 * at most {@value #MAX_PATTERN_CHARS} characters, a regular expression's automaton at most {@value #MAX_REGEX_STATES}
 * states before determinising (estimated from its syntax tree, repeats multiplied out) and
 * {@value #DETERMINIZE_WORK_LIMIT} units of determinising work, as are wildcards. Regular expressions use the plain
 * operators only ({@link RegExp#NONE}): no complement, intersection, numeric intervals or named automata, whose cost
 * is hard to bound; their characters then stand for themselves.
 *
 * <p>One parser per query: Lucene's parsers are not thread-safe.
 */
final class BoundedQueryParser extends QueryParser {

    static final int MAX_PATTERN_CHARS = 100;
    static final int MAX_REGEX_STATES = 1000;
    static final int DETERMINIZE_WORK_LIMIT = 10_000;
    private static final Pattern COLUMN = Pattern.compile("column (\\d+)");
    private static final Pattern REGEX_POSITION = Pattern.compile("position (\\d+)");

    private final String text;

    BoundedQueryParser(String field, Analyzer analyzer, String text) {
        super(field, analyzer);
        this.text = text;
        setDefaultOperator(QueryParser.Operator.AND);
        setAllowLeadingWildcard(false);
        setDeterminizeWorkLimit(DETERMINIZE_WORK_LIMIT);
    }

    /** The whole text as a query; every problem as an {@link ArchiveSearch.InvalidQuery}. */
    Query parse() throws ArchiveSearch.InvalidQuery {
        try {
            return parse(text);
        } catch (ParseException e) {
            if (e.getCause() instanceof InvalidTerm invalid) {
                throw invalid.query;
            }
            if (e.getCause() instanceof IndexSearcher.TooManyClauses) {
                throw tooManyTerms();
            }
            throw syntax(position(e));
        } catch (IndexSearcher.TooManyClauses e) {
            throw tooManyTerms();
        } catch (TooComplexToDeterminizeException e) {
            throw tooComplex(-1);
        } catch (IllegalArgumentException e) {
            // anything else Lucene's query classes refuse as they are built from what was typed
            throw syntax(-1);
        }
    }

    @Override
    protected Query getRegexpQuery(String field, String termStr) throws ParseException {
        int at = text.indexOf("/" + termStr + "/");
        int start = at < 0 ? -1 : at + 1;
        if (termStr.length() > MAX_PATTERN_CHARS) {
            throw new InvalidTerm(tooComplex(start));
        }
        RegExp regex;
        try {
            regex = new RegExp(termStr, RegExp.NONE);
        } catch (IllegalArgumentException e) {
            throw new InvalidTerm(syntax(start < 0 ? -1 : start + inRegex(e)));
        }
        if (states(regex) > MAX_REGEX_STATES) {
            throw new InvalidTerm(tooComplex(start));
        }
        return guarded(start, () -> super.getRegexpQuery(field, termStr));
    }

    @Override
    protected Query newRegexpQuery(Term regexp) {
        return new RegexpQuery(regexp, RegExp.NONE, DETERMINIZE_WORK_LIMIT);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
        int start = text.indexOf(termStr);
        if (termStr.length() > MAX_PATTERN_CHARS) {
            throw new InvalidTerm(tooComplex(start));
        }
        return guarded(start, () -> super.getWildcardQuery(field, termStr));
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity) throws ParseException {
        if (termStr.length() > MAX_PATTERN_CHARS) {
            throw new InvalidTerm(tooComplex(text.indexOf(termStr)));
        }
        return guarded(text.indexOf(termStr), () -> super.getFuzzyQuery(field, termStr, minSimilarity));
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
        if (termStr.length() > MAX_PATTERN_CHARS) {
            throw new InvalidTerm(tooComplex(text.indexOf(termStr)));
        }
        return super.getPrefixQuery(field, termStr);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
        if (slop < 0) {
            // "a b"~-1: Lucene's phrase query refuses a negative slop with an IllegalArgumentException
            throw new InvalidTerm(syntax(text.indexOf('~')));
        }
        return guarded(text.indexOf(queryText), () -> super.getFieldQuery(field, queryText, slop));
    }

    private interface Build {
        Query build() throws ParseException;
    }

    private Query guarded(int start, Build build) throws ParseException {
        try {
            return build.build();
        } catch (InvalidTerm e) {
            throw e;
        } catch (ParseException e) {
            // Lucene's own refusals of a term (e.g. a leading wildcard) say where only in words
            throw new InvalidTerm(syntax(start));
        } catch (TooComplexToDeterminizeException e) {
            throw new InvalidTerm(tooComplex(start));
        } catch (IllegalArgumentException e) {
            throw new InvalidTerm(syntax(start));
        }
    }

    /**
     * An upper bound of the states of the automaton a regular expression builds before it is determinised: each
     * character and operator a few, a repeat its body times the count. Saturates instead of overflowing.
     */
    static long states(RegExp r) {
        if (r == null) {
            return 0;
        }
        return switch (r.kind) {
            case REGEXP_UNION, REGEXP_CONCATENATION, REGEXP_INTERSECTION ->
                    Math.min(Long.MAX_VALUE / 4, states(r.exp1) + states(r.exp2) + 1);
            case REGEXP_OPTIONAL, REGEXP_REPEAT, REGEXP_COMPLEMENT -> states(r.exp1) + 1;
            case REGEXP_REPEAT_MIN -> times(states(r.exp1), r.min + 1L);
            case REGEXP_REPEAT_MINMAX -> times(states(r.exp1), Math.max(Math.max(r.min, r.max), 1));
            case REGEXP_STRING -> r.s.length() + 1L;
            default -> 2;
        };
    }

    private static long times(long a, long b) {
        return a != 0 && b > (Long.MAX_VALUE / 4) / a ? Long.MAX_VALUE / 4 : a * b;
    }

    /** Where in the regular expression Lucene found the problem (its messages say {@code at position n}), from 0. */
    private static int inRegex(IllegalArgumentException e) {
        Matcher m = REGEX_POSITION.matcher(String.valueOf(e.getMessage()));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** The column, from 1, where the parser or its tokenizer gave up; -1 when it does not say. */
    private static int position(ParseException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ParseException p && p.currentToken != null && p.currentToken.next != null) {
            return p.currentToken.next.beginColumn - 1;
        }
        if (cause instanceof TokenMgrError) {
            Matcher m = COLUMN.matcher(String.valueOf(cause.getMessage()));
            if (m.find()) {
                return Integer.parseInt(m.group(1)) - 1;
            }
        }
        return -1;
    }

    /** @param at where the problem is, from 0, or -1 when unknown */
    private static ArchiveSearch.InvalidQuery syntax(int at) {
        return new ArchiveSearch.InvalidQuery(SearchOutcome.Problem.QUERY_SYNTAX, "The search text could not be "
                + "understood" + where(at) + ". Check quotes, brackets and /patterns/, and put a word before * or ?.",
                null, at < 0 ? -1 : at + 1);
    }

    private static ArchiveSearch.InvalidQuery tooComplex(int at) {
        return new ArchiveSearch.InvalidQuery(SearchOutcome.Problem.QUERY_TOO_COMPLEX, "A pattern in the search "
                + "text" + where(at) + " would take too much work to look up (at most " + MAX_PATTERN_CHARS
                + " characters, and no large repeats such as {1000}); make it simpler.", null, at < 0 ? -1 : at + 1);
    }

    private static ArchiveSearch.InvalidQuery tooManyTerms() {
        return new ArchiveSearch.InvalidQuery(SearchOutcome.Problem.TOO_MANY_TERMS,
                "The search matches too many different words; make it more specific.", null, -1);
    }

    private static String where(int at) {
        return at < 0 ? "" : " at position " + (at + 1);
    }

    /** Carries a refusal out of Lucene's parser, which only lets {@link ParseException}s through. */
    private static final class InvalidTerm extends ParseException {
        final ArchiveSearch.InvalidQuery query;

        InvalidTerm(ArchiveSearch.InvalidQuery query) {
            super(query.getMessage());
            this.query = query;
        }
    }
}
