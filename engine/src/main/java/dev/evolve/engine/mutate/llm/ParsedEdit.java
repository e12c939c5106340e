package dev.evolve.engine.mutate.llm;

import java.util.List;
import java.util.Objects;

/** The edit a model's reply expressed, before it is applied to the base source. */
public sealed interface ParsedEdit {

    /** One or more SEARCH/REPLACE blocks, applied in order to the evolve block's body. */
    record SearchReplace(List<Block> blocks) implements ParsedEdit {
        public SearchReplace {
            blocks = List.copyOf(blocks);
            if (blocks.isEmpty()) {
                throw new IllegalArgumentException("at least one SEARCH/REPLACE block");
            }
        }
    }

    /** One SEARCH/REPLACE pair, each as text of whole lines (LF, no trailing whitespace). */
    record Block(String search, String replace) {
        public Block {
            Objects.requireNonNull(search, "search");
            Objects.requireNonNull(replace, "replace");
        }
    }

    /** A code block holding the whole new evolve block body. */
    record BodyRewrite(String body) implements ParsedEdit {
        public BodyRewrite {
            Objects.requireNonNull(body, "body");
        }
    }

    /** A code block holding a whole file, markers included. */
    record FileRewrite(String source) implements ParsedEdit {
        public FileRewrite {
            Objects.requireNonNull(source, "source");
        }
    }
}
