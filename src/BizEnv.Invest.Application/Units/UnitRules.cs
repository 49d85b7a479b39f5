using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Identity;
using FluentValidation;

namespace BizEnv.Invest.Application.Units;

public interface IUnitFields
{
    string NameZh { get; }
    string NameEn { get; }
    UnitKind Kind { get; }
}

public sealed class UnitFieldsValidator : AbstractValidator<IUnitFields>
{
    public UnitFieldsValidator()
    {
        RuleFor(x => x.NameZh).NotEmpty().WithText("unit.name_zh_required").MaximumLength(60).WithText("field.too_long", 60);
        RuleFor(x => x.NameEn).NotEmpty().WithText("unit.name_en_required").MaximumLength(120).WithText("field.too_long", 120);
        RuleFor(x => x.Kind).IsInEnum().WithText("unit.kind_unknown");
    }
}
