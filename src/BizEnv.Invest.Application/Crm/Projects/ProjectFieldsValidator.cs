using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Crm;
using FluentValidation;

namespace BizEnv.Invest.Application.Crm.Projects;

public interface IProjectFields
{
    string Name { get; }
    decimal PlannedInvestment { get; }
    decimal? RegisteredCapital { get; }
    int? Jobs { get; }
    KeyProjectLevel KeyLevel { get; }
}

public sealed class ProjectFieldsValidator : AbstractValidator<IProjectFields>
{
    public const decimal MaxAmount = 9_999_999_999_999_999.99m;

    public ProjectFieldsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("project.name_required").MaximumLength(200).WithText("field.too_long", 200);
        RuleFor(x => x.PlannedInvestment).GreaterThan(0).WithText("project.investment_positive").LessThanOrEqualTo(MaxAmount).WithText("field.amount_too_large");
        RuleFor(x => x.RegisteredCapital).GreaterThanOrEqualTo(0).WithText("field.not_negative").LessThanOrEqualTo(MaxAmount).WithText("field.amount_too_large");
        RuleFor(x => x.Jobs).GreaterThanOrEqualTo(0).WithText("field.not_negative");
        RuleFor(x => x.KeyLevel).IsInEnum().WithText("project.key_level_unknown");
    }
}
