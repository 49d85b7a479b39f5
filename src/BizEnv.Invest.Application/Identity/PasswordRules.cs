using BizEnv.Invest.Domain.Identity;
using FluentValidation;
using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Application.Identity;

public static class PasswordRules
{
    /// <summary>The domain's password policy as a FluentValidation rule with one message per broken rule.</summary>
    public static void MustBeStrongPassword<T>(this IRuleBuilder<T, string> rule, Func<T, string?> userName) =>
        rule.Custom((password, ctx) =>
        {
            foreach (var code in PasswordPolicy.Check(password, userName(ctx.InstanceToValidate)))
                ctx.AddFailure(new FluentValidation.Results.ValidationFailure(ctx.PropertyPath, Text.Get(code, PasswordPolicy.MinimumLength)) { ErrorCode = code });
        });
}
