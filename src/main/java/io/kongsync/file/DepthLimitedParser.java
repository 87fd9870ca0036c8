package io.kongsync.file;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A parser that refuses nesting deeper than a limit. snakeyaml's composer recurses once per level of nesting, and
 * asks the parser for each collection before it recurses into it: refusing here stops a document of 10,000 nested
 * {@code [} long before the stack overflows, at the place where it got too deep.
 */
final class DepthLimitedParser implements Parser {

    /** Where nesting first went beyond the limit. */
    static final class TooDeep extends RuntimeException {

        private final transient Mark mark;

        TooDeep(Mark mark) {
            super(null, null, false, false);
            this.mark = mark;
        }

        Mark mark() {
            return mark;
        }
    }

    private final Parser parser;
    private final int maxDepth;
    private int depth;

    DepthLimitedParser(Parser parser, int maxDepth) {
        this.parser = parser;
        this.maxDepth = maxDepth;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        switch (event.getEventId()) {
            case SequenceStart, MappingStart -> {
                if (++depth > maxDepth) {
                    throw new TooDeep(event.getStartMark().orElse(null));
                }
            }
            case SequenceEnd, MappingEnd -> depth--;
            default -> {
            }
        }
        return event;
    }
}
