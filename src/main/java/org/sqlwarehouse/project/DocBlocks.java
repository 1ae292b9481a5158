package org.sqlwarehouse.project;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlwarehouse.WarehouseException;

/**
 * dbt's docs blocks: {@code {% docs name %}text{% enddocs %}} in the .md files of the project's
 * folders, the text doc('name') gives a description.
 */
final class DocBlocks {
    private static final Pattern BLOCK = Pattern.compile(
            "\\{%-?\\s*docs\\s+([A-Za-z_][A-Za-z0-9_]*)\\s*-?%}(.*?)\\{%-?\\s*enddocs\\s*-?%}", Pattern.DOTALL);

    private DocBlocks() {
    }

    /** Reads every block of the files into blocks; a name given twice fails, as in dbt. */
    static void read(Path dir, List<Path> markdownFiles, Map<String, String> blocks, Map<String, String> seenIn)
            throws WarehouseException {
        for (Path md : markdownFiles) {
            String relative = ProjectLoader.relative(dir, md);
            Matcher m = BLOCK.matcher(TextFiles.readUtf8(md, relative));
            while (m.find()) {
                String previous = seenIn.putIfAbsent(m.group(1), relative);
                if (previous != null) {
                    throw new WarehouseException("The docs block '" + m.group(1) + "' is defined twice: in " + previous
                            + " and in " + relative + ".", "Rename or remove one of them.");
                }
                // dbt keeps the block's text as written, without the surrounding blank lines
                blocks.put(m.group(1), m.group(2).strip());
            }
        }
    }
}
