using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Chains;
using FluentValidation;

namespace BizEnv.Invest.Application.Chains;

/// <summary>The fields a chain is created and edited with.</summary>
public interface IChainFields
{
    string Name { get; }
    string? Description { get; }
    int StrongMinFirms { get; }
    int WeakMinFirms { get; }
    decimal? StrongMinInvestment { get; }
}

public sealed class ChainFieldsValidator : AbstractValidator<IChainFields>
{
    public ChainFieldsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithText("chain.name_required").MaximumLength(100).WithText("field.too_long", 100);
        RuleFor(x => x.Description).MaximumLength(2000).WithText("field.too_long", 2000);
        RuleFor(x => x.WeakMinFirms).GreaterThanOrEqualTo(1).WithText("chain.threshold_weak_min");
        RuleFor(x => x.StrongMinFirms).GreaterThanOrEqualTo(x => x.WeakMinFirms).WithText("chain.threshold_order_short")
            .LessThanOrEqualTo(ChainThresholds.MaxFirms).WithText("chain.threshold_too_large", ChainThresholds.MaxFirms);
        RuleFor(x => x.StrongMinInvestment).GreaterThan(0).WithText("chain.threshold_investment_positive")
            .LessThanOrEqualTo(Crm.Projects.ProjectFieldsValidator.MaxAmount).WithText("field.amount_too_large");
    }
}
