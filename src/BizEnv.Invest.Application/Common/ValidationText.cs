using BizEnv.Invest.Application.Localization;
using FluentValidation;

namespace BizEnv.Invest.Application.Common;

public static class ValidationText
{
    /// <summary>A validation message from the string tables, resolved in the caller's UI culture when it fails.</summary>
    public static IRuleBuilderOptions<T, TProperty> WithText<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string key, params object[] args) =>
        rule.WithMessage(_ => Text.Get(key, args)).WithErrorCode(key).WithState(_ => args);

    /// <summary>Raise a field error from inside a handler (e.g. a uniqueness clash found in the database).</summary>
    public static ValidationException FieldError(string field, string key, params object[] args) =>
        new([new FluentValidation.Results.ValidationFailure(field, Text.Get(key, args)) { ErrorCode = key, CustomState = args }]);
}
