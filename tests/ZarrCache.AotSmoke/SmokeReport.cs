using System.Globalization;
using System.Text;

namespace ZarrCache.AotSmoke;

/// <summary>
/// What a smoke run saw, as one line of <c>name=value</c> pairs in the order they were added (values have no spaces),
/// and the checks that stop the run: a failed one throws with its message.
/// </summary>
internal sealed class SmokeReport
{
    private readonly StringBuilder _line = new("aot-smoke");

    /// <summary>Adds a value.</summary>
    public void Add(string name, string value) => _line.Append(' ').Append(name).Append('=').Append(value.Replace(' ', '_'));

    /// <summary>Adds a number.</summary>
    public void Add(string name, long value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Adds values joined by commas, each formatted with the invariant culture.</summary>
    public void Add<T>(string name, IEnumerable<T> values) => Add(name, Join(values));

    /// <summary>Values joined by commas, each formatted with the invariant culture (null as <c>null</c>).</summary>
    public static string Join<T>(IEnumerable<T> values) =>
        string.Join(',', values.Select(v => v is null ? "null" : Convert.ToString(v, CultureInfo.InvariantCulture)));

    /// <summary>Throws when <paramref name="condition"/> is false.</summary>
    /// <exception cref="InvalidOperationException">The check failed; the message says what was expected.</exception>
    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException("check failed: " + what);
        }
    }

    /// <summary>Throws when the two sequences differ.</summary>
    /// <exception cref="InvalidOperationException">They differ; the message shows both.</exception>
    public static void CheckEqual<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what)
    {
        var (e, a) = (Join(expected), Join(actual));
        Check(e == a, $"{what}: expected {e}, got {a}");
    }

    /// <inheritdoc />
    public override string ToString() => _line.ToString();
}
