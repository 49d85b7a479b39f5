using System.Globalization;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Zones;
using Orleans;

namespace BizEnv.Invest.Application.Common.Grains;

// New kinds go last: a refusal crosses the cluster as the kind's number.
public enum RefusalKind { Rule, Field, NotFound, Conflict, KeyReused, KeyInProgress, Unavailable, OutcomeUnknown, ClusterUnavailable }

/// <summary>
/// A rule a grain applied said no. It crosses the cluster as data (code, field, arguments as typed
/// text) rather than as an exception, and the handler that called turns it back into the very
/// exception the pipeline maps to a 4xx answer, in the caller's language.
/// </summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.Refusal")]
public sealed record Refusal(
    [property: Id(0)] RefusalKind Kind,
    [property: Id(1)] string Code,
    [property: Id(2)] string? Field,
    [property: Id(3)] RefusalArg[] Args)
{
    /// <summary>The refusal an exception stands for; null for anything that is not a refusal (a fault: let it fly).</summary>
    public static Refusal? From(Exception e) => e switch
    {
        DomainException d => new(RefusalKind.Rule, d.Code, null, [.. d.Args.Select(RefusalArg.Of)]),
        FieldRuleException f => new(RefusalKind.Field, f.Code, f.Field, [.. f.Args.Select(RefusalArg.Of)]),
        NotFoundException n => new(RefusalKind.NotFound, n.ObjectType, null, [RefusalArg.Of(n.Id)]),
        VersionConflictException v => new(RefusalKind.Conflict, v.ObjectType, null, [RefusalArg.Of(v.Id)]),
        ConcurrencyConflictException c => new(RefusalKind.Conflict, c.ObjectType, null, [RefusalArg.Of(c.Id)]),
        IdempotencyKeyReusedException k => new(RefusalKind.KeyReused, k.Message, null, []),
        IdempotencyKeyInProgressException k => new(RefusalKind.KeyInProgress, k.Message, null, []),
        _ => null,
    };

    public Exception ToException()
    {
        var args = Args.Select(a => a.Value()).ToArray();
        return Kind switch
        {
            RefusalKind.Rule => new DomainException(Code, args!),
            RefusalKind.Field => ValidationText.FieldError(Field!, Code, args!),
            RefusalKind.NotFound => new NotFoundException(Code, args[0]!),
            RefusalKind.Conflict => new ConcurrencyConflictException(Code, args[0]!),
            RefusalKind.KeyReused => new IdempotencyKeyReusedException(),
            RefusalKind.KeyInProgress => new IdempotencyKeyInProgressException(),
            RefusalKind.Unavailable => new DatabaseUnavailableException(new InvalidOperationException(Code)),
            RefusalKind.ClusterUnavailable => new ClusterUnavailableException(new InvalidOperationException(Code)),
            _ => new OutcomeUnknownException(new InvalidOperationException(Code), Field == "keyed"),
        };
    }
}

/// <summary>One argument of a refusal's message, kept typed so the message formats it as it would have locally (dates, amounts, enum words).</summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.RefusalArg")]
public sealed record RefusalArg([property: Id(0)] string Type, [property: Id(1)] string Text)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static RefusalArg Of(object? value) => value switch
    {
        null => new("null", ""),
        decimal m => new("decimal", m.ToString(Inv)),
        int i => new("int", i.ToString(Inv)),
        DateOnly d => new("date", d.ToString("O", Inv)),
        DateTimeOffset t => new("instant", t.ToString("O", Inv)),
        Guid g => new("guid", g.ToString()),
        Quantity q => new("quantity:" + q.Resource, q.Amount.ToString(Inv)),
        Enum e => new("enum:" + e.GetType().AssemblyQualifiedName, e.ToString()),
        _ => new("text", string.Create(Inv, $"{value}")),
    };

    public object? Value() => Type switch
    {
        "null" => null,
        "decimal" => decimal.Parse(Text, Inv),
        "int" => int.Parse(Text, Inv),
        "date" => DateOnly.ParseExact(Text, "O", Inv),
        "instant" => DateTimeOffset.ParseExact(Text, "O", Inv),
        "guid" => Guid.Parse(Text),
        _ when Type.StartsWith("quantity:", StringComparison.Ordinal) => new Quantity(Enum.Parse<Resource>(Type["quantity:".Length..]), decimal.Parse(Text, Inv)),
        _ when Type.StartsWith("enum:", StringComparison.Ordinal) && System.Type.GetType(Type["enum:".Length..]) is { IsEnum: true } t => Enum.Parse(t, Text),
        _ => Text,
    };
}

/// <summary>
/// What a grain command returns: a refusal, or the command's response as JSON — the very text its
/// Idempotency-Key stores, so a first answer and a replay are read back alike.
/// </summary>
[GenerateSerializer, Immutable, Alias("BizEnv.Invest.GrainReply")]
public sealed record GrainReply([property: Id(0)] Refusal? Refusal, [property: Id(1)] string? Response)
{
    public static GrainReply Refused(Refusal refusal) => new(refusal, null);

    /// <summary>The response, or the refusal thrown as the exception it stands for.</summary>
    public T Result<T>() => Refusal is { } r ? throw r.ToException() : Idempotency.IdempotencyStore.Replay<T>(new Idempotency.StoredOutcome(Response!, null, null));
}
