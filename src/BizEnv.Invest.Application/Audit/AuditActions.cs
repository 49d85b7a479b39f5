using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Common;
using FluentValidation;

namespace BizEnv.Invest.Application.Audit;

public static class AuditActions
{
    public const string SignIn = "SignIn";

    /// <summary>The request type's name is the action: "CreateUser", "SetCalendarDay"…</summary>
    public static string NameOf(Type requestType) => requestType.Name;

    /// <summary>A short, stable outcome word; never an exception message with user data in it.</summary>
    public static string OutcomeOf(Exception ex) => ex switch
    {
        ValidationException => "invalid",
        DomainException d => "refused:" + d.Code,
        ForbiddenException => "forbidden",
        UnauthenticatedException => "unauthenticated",
        NotFoundException => "not-found",
        ConcurrencyConflictException => "conflict",
        IdempotencyKeyReusedException => "refused:idempotency.key_reused",
        IdempotencyKeyInProgressException => "conflict:idempotency.in_progress",
        _ => "error:" + ex.GetType().Name,
    };

    /// <summary>
    /// Why a rule or a check said no, as coded text (read in the reader's language): the rule's code
    /// and arguments, or each field's message code. Null when the outcome says it all (forbidden…).
    /// </summary>
    public static string? ReasonOf(Exception ex) => ex switch
    {
        DomainException d => Coded.Text(d.Code, [.. d.Args]),
        ValidationException v => string.Join("；", v.Errors.Select(Failure)),
        _ => null,
    };

    // A rule written with WithText carries its key and arguments; a framework rule only its message, already in words.
    private static string Failure(FluentValidation.Results.ValidationFailure f) =>
        f.CustomState is object?[] args && f.ErrorCode?.Contains('.') == true ? Coded.Text(f.ErrorCode, args) : f.ErrorMessage;
}
