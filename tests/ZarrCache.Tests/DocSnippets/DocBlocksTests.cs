using ZarrCache.Tests.TestSupport;

namespace ZarrCache.Tests.DocSnippets;

/// <summary>
/// "Examples in the README and docs are compiled and run by the tests": every ```csharp block of README.md and
/// docs/*.md is either an example program (examples/, built and run by the Examples tests) or a snippet, a region of a
/// test under tests/*/DocSnippets/ that compiles and runs it. Change the code there, then copy the region to the doc.
/// </summary>
public class DocBlocksTests
{
    [Fact]
    public void Every_csharp_block_in_the_docs_is_a_compiled_snippet_or_an_example_program()
    {
        var problems = new List<string>();
        foreach (var block in DocBlocks.Docs().SelectMany(DocBlocks.CsharpBlocks))
        {
            var problem = ProblemOf(block);
            if (problem is not null)
            {
                problems.Add($"{block}: {problem}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_snippet_region_is_shown_by_a_doc()
    {
        var shown = DocBlocks.Docs().SelectMany(DocBlocks.CsharpBlocks)
            .Select(b => DocBlocks.SnippetMarker(b.Marker))
            .OfType<(string Path, string Name)>()
            .Select(m => m.Path + "#" + m.Name)
            .ToHashSet(StringComparer.Ordinal);
        var regions = new[] { "ZarrCache.Tests", "ZarrCache.IntegrationTests" }
            .Select(project => Path.Combine(RepoPaths.Root, "tests", project, "DocSnippets"))
            .Where(Directory.Exists)
            .SelectMany(dir => Directory.GetFiles(dir, "*.cs"))
            .Select(file => Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/'))
            .SelectMany(path => DocBlocks.Regions(path).Keys.Select(name => path + "#" + name))
            .ToList();

        var unshown = regions.Where(r => !shown.Contains(r)).ToList();
        Assert.NotEmpty(regions);
        Assert.True(unshown.Count == 0, "regions that no doc shows (show each in a doc, or delete it): " + string.Join(", ", unshown));
    }

    private static string? ProblemOf(DocBlocks.Block block)
    {
        if (DocBlocks.ExampleMarker(block.Marker) is { } example)
        {
            var file = Path.Combine(RepoPaths.Root, example);
            if (!example.StartsWith("examples/", StringComparison.Ordinal) || !File.Exists(file))
            {
                return $"the example '{example}' is not a file under examples/.";
            }

            return File.ReadAllText(file).ReplaceLineEndings("\n") == block.Text
                ? null
                : $"the block differs from {example}; copy the file into the block.";
        }

        if (DocBlocks.SnippetMarker(block.Marker) is not (string path, string name))
        {
            return "a ```csharp block without a marker on the line before it: add `<!-- snippet: tests/ZarrCache.Tests/DocSnippets/FILE.cs#NAME -->` "
                + "and put the code, compiled and run by a test, between `// begin-snippet: NAME` and `// end-snippet` in that file "
                + "(or `<!-- example: examples/X/Program.cs -->` for a whole example program).";
        }

        if (!path.StartsWith("tests/", StringComparison.Ordinal) || !path.Contains("/DocSnippets/", StringComparison.Ordinal) || !File.Exists(Path.Combine(RepoPaths.Root, path)))
        {
            return $"snippet '{name}': '{path}' is not a file under tests/*/DocSnippets/.";
        }

        if (!DocBlocks.Regions(path).TryGetValue(name, out var region))
        {
            return $"snippet '{name}': {path} has no region '// begin-snippet: {name}'.";
        }

        return region == block.Text ? null : $"snippet '{name}': the block differs from its region in {path}; copy the region into the block.\n--- region:\n{region}--- block:\n{block.Text}---";
    }
}
