using Msnp.Protocol.Dialects;

namespace Msnp.Protocol.Tests.Dialects;

public class DialectWriterSelectionTests
{
    [Theory]
    [InlineData(2, typeof(ClassicDialectWriter))]
    [InlineData(6, typeof(ClassicDialectWriter))]
    [InlineData(7, typeof(ClassicDialectWriter))]
    [InlineData(8, typeof(TweenerDialectWriter))]
    [InlineData(9, typeof(TweenerDialectWriter))]
    public void Picks_the_writer_for_the_list_generation(int version, Type expected)
    {
        var dialect = MsnpDialect.FromVersion(version);

        var writer = DialectWriter.For(dialect);

        Assert.IsType(expected, writer);
        Assert.Same(dialect, writer.Dialect);
        Assert.Same(writer, DialectWriter.For(dialect));
    }

    [Fact]
    public void A_modified_dialect_gets_a_writer_bound_to_it()
    {
        var custom = MsnpDialect.Msnp8 with { HasMsnObject = true };

        var writer = DialectWriter.For(custom);

        Assert.Same(custom, writer.Dialect);
        Assert.NotSame(DialectWriter.For(MsnpDialect.Msnp8), writer);
    }

    [Fact]
    public void The_generation_writers_refuse_the_other_generation()
    {
        Assert.Throws<ArgumentException>(() => new ClassicDialectWriter(MsnpDialect.Msnp8));
        Assert.Throws<ArgumentException>(() => new TweenerDialectWriter(MsnpDialect.Msnp7));
    }
}
