using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using BizEnv.Invest.Application.Localization;
using FluentValidation.Results;

namespace BizEnv.Invest.Application.Behaviours;

/// <summary>
/// The checks every request gets before its own validator, whichever door it came in by (API or
/// page): values no rule of this product can mean. A date outside 1900–2199 (a missing date read
/// as 0001-01-01, or an "infinity" the database would store), an enum value with no name, a
/// decimal beyond numeric(18,2), a required id left empty, a null inside a list, control characters
/// (NUL cannot even be stored) and text longer than any field holds. Each refusal names the field
/// by its property path, as the request's own validator does.
/// </summary>
public static class InputSanity
{
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2199, 12, 31);
    public const int MaxTextLength = 20_000;
    // numeric(18,2): sixteen digits before the point.
    public const decimal MaxAmount = 9_999_999_999_999_999.99m;
    private const int MaxDepth = 6;

    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    private sealed record Member(string Name, Type Type, Func<object, object?> Get, bool Nullable);

    public static List<ValidationFailure> Check(object request)
    {
        var failures = new List<ValidationFailure>();
        Walk(request, "", failures, 0);
        return failures;
    }

    private static void Walk(object value, string path, List<ValidationFailure> failures, int depth)
    {
        if (depth > MaxDepth)
            return;
        foreach (var member in MembersOf(value.GetType()))
        {
            var field = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
            CheckValue(member.Get(value), member.Type, member.Nullable, field, failures, depth);
        }
    }

    private static void CheckValue(object? value, Type type, bool nullable, string field, List<ValidationFailure> failures, int depth)
    {
        switch (value)
        {
            case null:
                // A non-nullable reference the caller left out (the API refuses it earlier; a page might not).
                if (!nullable && !type.IsValueType)
                    failures.Add(Fail(field, "field.required"));
                return;
            case string s:
                CheckText(s, field, failures);
                return;
            case DateOnly d:
                CheckDate(d, field, failures);
                return;
            case DateTime dt:
                CheckDate(DateOnly.FromDateTime(dt), field, failures);
                return;
            case DateTimeOffset dto:
                CheckDate(DateOnly.FromDateTime(dto.UtcDateTime), field, failures);
                return;
            case decimal m when Math.Abs(m) > MaxAmount:
                failures.Add(Fail(field, "field.amount_too_large"));
                return;
            case Enum e when !Enum.IsDefined(e.GetType(), e):
                failures.Add(Fail(field, "field.enum_unknown"));
                return;
            case Guid g when g == Guid.Empty && !nullable:
                failures.Add(Fail(field, "field.required"));
                return;
            case byte[]:
                return;
            case IEnumerable items when value is not IDictionary:
                if (depth > MaxDepth)
                    return;
                var i = 0;
                foreach (var item in items)
                {
                    var at = $"{field}[{i++}]";
                    if (item is null)
                        failures.Add(Fail(at, "field.list_item_null"));
                    else if (IsLeaf(item.GetType()))
                        CheckValue(item, item.GetType(), false, at, failures, depth);
                    else if (item is IEnumerable and not IDictionary)
                        // A list inside a list (a polygon's [lng, lat] pairs): its items by index, not its properties.
                        CheckValue(item, item.GetType(), false, at, failures, depth + 1);
                    else
                        Walk(item, at, failures, depth + 1);
                }
                return;
            default:
                if (!IsLeaf(value.GetType()))
                    Walk(value, field, failures, depth + 1);
                return;
        }
    }

    private static void CheckText(string s, string field, List<ValidationFailure> failures)
    {
        if (s.Length > MaxTextLength)
        {
            failures.Add(Fail(field, "field.too_long", MaxTextLength));
            return;
        }
        // Line breaks and tabs are text; every other control character (NUL above all) is not.
        foreach (var c in s)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t'))
            {
                failures.Add(Fail(field, "field.control_character"));
                return;
            }
        }
    }

    private static void CheckDate(DateOnly d, string field, List<ValidationFailure> failures)
    {
        if (d < EarliestDate || d > LatestDate)
            failures.Add(Fail(field, "field.date_out_of_range", EarliestDate.ToString("yyyy-MM-dd"), LatestDate.ToString("yyyy-MM-dd")));
    }

    private static ValidationFailure Fail(string field, string key, params object[] args) =>
        new(field, Text.Get(key, args)) { ErrorCode = key };

    // Types whose inner members are not request data (primitives, text, times, ids, files).
    private static bool IsLeaf(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) || t == typeof(DateOnly)
        || t == typeof(DateTime) || t == typeof(DateTimeOffset) || t == typeof(TimeOnly) || t == typeof(TimeSpan) || t == typeof(byte[])
        || t.Namespace?.StartsWith("System", StringComparison.Ordinal) == true && !typeof(IEnumerable).IsAssignableFrom(t);

    private static Member[] MembersOf(Type type) => Members.GetOrAdd(type, static t =>
    {
        var nullability = new NullabilityInfoContext();
        return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.DeclaringType != typeof(object)
                        && p.Name != "EqualityContract")
            .Select(p => new Member(
                p.Name,
                p.PropertyType,
                p.GetValue,
                Nullable.GetUnderlyingType(p.PropertyType) is not null
                || !p.PropertyType.IsValueType && nullability.Create(p).ReadState != NullabilityState.NotNull))
            .ToArray();
    });
}
