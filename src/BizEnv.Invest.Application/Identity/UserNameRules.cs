using BizEnv.Invest.Application.Common;
using FluentValidation;

namespace BizEnv.Invest.Application.Identity;

public static class UserNameRules
{
    /// <summary>3–32 characters: a letter first, then letters, digits, dot, dash or underscore.</summary>
    public static IRuleBuilderOptions<T, string> MustBeValidUserName<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithText("user.user_name_required")
            .Matches("^[A-Za-z][A-Za-z0-9._-]{2,31}$").WithText("user.user_name_format");
}
