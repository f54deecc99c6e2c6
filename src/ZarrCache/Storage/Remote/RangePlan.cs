namespace ZarrCache;

/// <summary>
/// Which requests serve the ranges of one read, and where each range lies in their answers: offset ranges that overlap,
/// touch, or lie at most a gap apart share a request; suffix ranges and ranges to the end have one each; zero-length
/// ranges none (they are empty).
/// </summary>
internal sealed class RangePlan
{
    private readonly Part[] _parts;

    private RangePlan(List<ByteRange> requests, Part[] parts)
    {
        Requests = requests;
        _parts = parts;
    }

    /// <summary>The requests to send.</summary>
    public IReadOnlyList<ByteRange> Requests { get; }

    /// <summary>Plans the requests of <paramref name="ranges"/>.</summary>
    /// <param name="ranges">The ranges asked for.</param>
    /// <param name="gap">The largest gap between two ranges one request spans.</param>
    /// <param name="maxMerged">The most bytes a merged request spans.</param>
    /// <returns>The plan.</returns>
    public static RangePlan Create(IReadOnlyList<ByteRange> ranges, long gap, long maxMerged)
    {
        var parts = new Part[ranges.Count];
        var requests = new List<ByteRange>();
        var bounded = new List<int>();
        for (var i = 0; i < parts.Length; i++)
        {
            var range = ranges[i];
            if (range.Length == 0)
            {
                parts[i] = new Part(-1, 0, 0);
            }
            else if (range.IsSuffix || range.IsToEnd)
            {
                parts[i] = new Part(requests.Count, 0, -1);
                requests.Add(range);
            }
            else
            {
                bounded.Add(i);
            }
        }

        bounded.Sort((a, b) => ranges[a].Offset.CompareTo(ranges[b].Offset));
        var first = 0;
        while (first < bounded.Count)
        {
            var start = ranges[bounded[first]].Offset;
            var end = start + ranges[bounded[first]].Length;
            var last = first;
            while (last + 1 < bounded.Count)
            {
                var next = ranges[bounded[last + 1]];
                var nextEnd = Math.Max(end, next.Offset + next.Length);
                if (next.Offset - end > gap || nextEnd - start > maxMerged)
                {
                    break;
                }

                end = nextEnd;
                last++;
            }

            for (var j = first; j <= last; j++)
            {
                var range = ranges[bounded[j]];
                parts[bounded[j]] = new Part(requests.Count, range.Offset - start, range.Length);
            }

            requests.Add(ByteRange.FromOffset(start, end - start));
            first = last + 1;
        }

        return new RangePlan(requests, parts);
    }

    /// <summary>Cuts each range out of the answers (one per request, in order); an answer may end early where the value does.</summary>
    /// <param name="answers">The answers.</param>
    /// <returns>One result per range; slices of the answers.</returns>
    public ReadOnlyMemory<byte>[] Split(ReadOnlyMemory<byte>[] answers)
    {
        var results = new ReadOnlyMemory<byte>[_parts.Length];
        for (var i = 0; i < results.Length; i++)
        {
            var part = _parts[i];
            if (part.Request < 0)
            {
                continue;
            }

            var answer = answers[part.Request];
            if (part.Length < 0)
            {
                results[i] = answer;
                continue;
            }

            // The value may end inside or before the range: clamp as ByteRange.Resolve does.
            var offset = (int)Math.Min(part.Offset, answer.Length);
            results[i] = answer.Slice(offset, (int)Math.Min(part.Length, answer.Length - offset));
        }

        return results;
    }

    /// <summary>Where one range lies: request -1 for an empty range; length -1 for the whole answer.</summary>
    private readonly record struct Part(int Request, long Offset, long Length);
}
