namespace ZarrCache.Tests.TestSupport;

/// <summary>
/// The ```csharp blocks of README.md and docs/*.md and what each is taken from: a block preceded by
/// <c>&lt;!-- example: PATH --&gt;</c> is that file verbatim (an example program under examples/), one preceded by
/// <c>&lt;!-- snippet: PATH#NAME --&gt;</c> is the region between <c>// begin-snippet: NAME</c> and <c>// end-snippet</c>
/// of that file, dedented (a test under tests/*/DocSnippets/ that compiles and runs it).
/// </summary>
internal static class DocBlocks
{
    private const string BeginSnippet = "// begin-snippet: ";
    private const string EndSnippet = "// end-snippet";

    /// <summary>A ```csharp block: the doc (relative to the repository), the line of its opening fence (1-based), the marker line before it, and its text (lines ending in \n).</summary>
    public sealed record Block(string Doc, int Line, string Marker, string Text)
    {
        public override string ToString() => $"{Doc}:{Line}";
    }

    /// <summary>The docs scanned: README.md and docs/*.md, paths relative to the repository with '/'.</summary>
    public static IEnumerable<string> Docs() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Order(StringComparer.Ordinal)
            .Select(p => Path.GetRelativePath(RepoPaths.Root, p).Replace('\\', '/')));

    /// <summary>Every ```csharp block of one doc.</summary>
    public static IEnumerable<Block> CsharpBlocks(string doc)
    {
        var lines = File.ReadAllText(Path.Combine(RepoPaths.Root, doc)).ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i] != "```csharp")
            {
                continue;
            }

            var end = i + 1;
            while (end < lines.Length && lines[end] != "```")
            {
                end++;
            }

            var text = string.Concat(lines[(i + 1)..end].Select(l => l + "\n"));
            yield return new Block(doc, i + 1, i > 0 ? lines[i - 1] : string.Empty, text);
            i = end;
        }
    }

    /// <summary>The path and region name of a snippet marker line, or null when the line is not one.</summary>
    public static (string Path, string Name)? SnippetMarker(string line)
    {
        const string Prefix = "<!-- snippet: ", Suffix = " -->";
        if (!line.StartsWith(Prefix, StringComparison.Ordinal) || !line.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var reference = line[Prefix.Length..^Suffix.Length];
        var hash = reference.LastIndexOf('#');
        return hash <= 0 || hash == reference.Length - 1 ? null : (reference[..hash], reference[(hash + 1)..]);
    }

    /// <summary>The path of an example marker line, or null when the line is not one.</summary>
    public static string? ExampleMarker(string line)
    {
        const string Prefix = "<!-- example: ", Suffix = " -->";
        return line.StartsWith(Prefix, StringComparison.Ordinal) && line.EndsWith(Suffix, StringComparison.Ordinal)
            ? line[Prefix.Length..^Suffix.Length]
            : null;
    }

    /// <summary>The regions of a snippet source (path relative to the repository): name → text, dedented by the least indentation of its non-blank lines, each line ending in \n.</summary>
    /// <exception cref="InvalidOperationException">A region is not closed, is nested, or its name is used twice.</exception>
    public static IReadOnlyDictionary<string, string> Regions(string path)
    {
        var lines = File.ReadAllText(Path.Combine(RepoPaths.Root, path)).ReplaceLineEndings("\n").Split('\n');
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        string? name = null;
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith(BeginSnippet, StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    throw new InvalidOperationException($"{path}:{i + 1}: snippet '{trimmed[BeginSnippet.Length..]}' begins inside snippet '{name}'.");
                }

                name = trimmed[BeginSnippet.Length..].Trim();
                start = i + 1;
            }
            else if (trimmed == EndSnippet)
            {
                if (name is null)
                {
                    throw new InvalidOperationException($"{path}:{i + 1}: '{EndSnippet}' without a begin-snippet.");
                }

                if (!regions.TryAdd(name, Dedent(lines[start..i])))
                {
                    throw new InvalidOperationException($"{path}: snippet '{name}' is defined twice.");
                }

                name = null;
            }
        }

        return name is null ? regions : throw new InvalidOperationException($"{path}: snippet '{name}' has no '{EndSnippet}'.");
    }

    private static string Dedent(string[] lines)
    {
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        return string.Concat(lines.Select(l => (l.Trim().Length == 0 ? string.Empty : l[indent..]) + "\n"));
    }
}
