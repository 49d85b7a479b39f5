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
}
