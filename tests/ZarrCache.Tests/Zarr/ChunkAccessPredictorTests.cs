using ZarrCache.Zarr;

namespace ZarrCache.Tests.Zarr;

public class ChunkAccessPredictorTests
{
    private static readonly PrefetchConfig Walk4 = new() { NeighborChunks = 4 };

    private static string Show(IEnumerable<long[]> coords) => string.Join(" ", coords.Select(c => "(" + string.Join(",", c) + ")"));

    private static IReadOnlyList<long[]> Read(ChunkAccessPredictor predictor, params long[] chunk) =>
        predictor.Observe(chunk, Enumerable.Repeat(1L, chunk.Length).ToArray());

    [Fact]
    public void A_time_series_walk_along_the_first_dimension_is_detected_on_the_third_read()
    {
        var predictor = new ChunkAccessPredictor([100, 10, 10], Walk4);

        Assert.Empty(Read(predictor, 0, 3, 7));
        Assert.Empty(Read(predictor, 1, 3, 7));
        var predicted = Read(predictor, 2, 3, 7);

        Assert.Equal("(3,3,7) (4,3,7) (5,3,7) (6,3,7)", Show(predicted));
    }

    [Fact]
    public void Each_step_of_a_confirmed_walk_is_predicted_once()
    {
        var predictor = new ChunkAccessPredictor([100, 10], Walk4);
        Read(predictor, 0, 5);
        Read(predictor, 1, 5);
        Read(predictor, 2, 5);

        Assert.Equal("(7,5)", Show(Read(predictor, 3, 5)));
        Assert.Equal("(8,5)", Show(Read(predictor, 4, 5)));
        Assert.Empty(Read(predictor, 4, 5)); // Reading the same box again predicts nothing new.
    }

    [Fact]
    public void A_row_scan_along_the_last_dimension_predicts_whole_boxes_of_the_read_size()
    {
        var predictor = new ChunkAccessPredictor([4, 100], new PrefetchConfig { NeighborChunks = 2 });
        predictor.Observe([0, 0], [2, 3]);
        predictor.Observe([0, 3], [2, 3]);

        var predicted = predictor.Observe([0, 6], [2, 3]);

        Assert.Equal("(0,9) (0,10) (0,11) (1,9) (1,10) (1,11) (0,12) (0,13) (0,14) (1,12) (1,13) (1,14)", Show(predicted));
    }

    [Fact]
    public void A_backward_walk_is_followed_too()
    {
        var predictor = new ChunkAccessPredictor([50], new PrefetchConfig { NeighborChunks = 2 });
        Read(predictor, 40);
        Read(predictor, 38);

        Assert.Equal("(34) (32)", Show(Read(predictor, 36)));
    }

    [Fact]
    public void Predictions_stop_at_the_edge_of_the_grid()
    {
        var predictor = new ChunkAccessPredictor([10, 4], Walk4);
        Read(predictor, 6, 0);
        Read(predictor, 7, 0);

        Assert.Equal("(9,0)", Show(Read(predictor, 8, 0)));
        Assert.Empty(Read(predictor, 9, 0));
    }

    [Fact]
    public void Interleaved_readers_walking_different_columns_are_each_detected()
    {
        var predictor = new ChunkAccessPredictor([100, 20], new PrefetchConfig { NeighborChunks = 1 });
        var predicted = new List<long[]>();
        for (var t = 0; t < 6; t++)
        {
            predicted.AddRange(Read(predictor, t, 2));
            predicted.AddRange(Read(predictor, t, 3));
            predicted.AddRange(Read(predictor, t, 17));
        }

        foreach (var column in new long[] { 2, 3, 17 })
        {
            var ahead = predicted.Where(c => c[1] == column).Select(c => c[0]).ToList();
            Assert.Contains(6L, ahead); // The step after the last read of each walk is predicted.
            Assert.Equal(ahead.Count, ahead.Distinct().Count());
        }

        Assert.All(predicted, c => Assert.Contains(c[1], new long[] { 2, 3, 17 }));
    }

    [Fact]
    public void Random_reads_predict_nothing()
    {
        var predictor = new ChunkAccessPredictor([40, 40, 40], Walk4);
        var random = new Random(1234);
        var predicted = 0;
        for (var i = 0; i < 2000; i++)
        {
            predicted += Read(predictor, random.Next(40), random.Next(40), random.Next(40)).Count;
        }

        Assert.Equal(0, predicted);
    }

    [Fact]
    public void A_jump_ends_a_walk_and_a_new_walk_must_be_confirmed_again()
    {
        var predictor = new ChunkAccessPredictor([100], Walk4);
        Read(predictor, 0);
        Read(predictor, 1);
        Assert.NotEmpty(Read(predictor, 2));

        Assert.Empty(Read(predictor, 50));
        Assert.Empty(Read(predictor, 51));
        Assert.Equal("(53) (54) (55) (56)", Show(Read(predictor, 52)));
    }

    [Fact]
    public void The_neighbors_strategy_predicts_the_surrounding_chunks_nearest_first()
    {
        var predictor = new ChunkAccessPredictor([3, 3], new PrefetchConfig { Strategy = PrefetchStrategy.Neighbors, NeighborChunks = 1 });

        Assert.Equal("(2,1) (0,1) (1,2) (1,0)", Show(Read(predictor, 1, 1)));
        Assert.Equal("(1,0) (0,1)", Show(Read(predictor, 0, 0)));
    }

    [Fact]
    public void A_prediction_holds_at_most_the_queue_size()
    {
        var predictor = new ChunkAccessPredictor([100, 100], new PrefetchConfig { NeighborChunks = 8, MaxQueueSize = 5 });
        predictor.Observe([0, 0], [1, 100]);
        predictor.Observe([1, 0], [1, 100]);

        var predicted = predictor.Observe([2, 0], [1, 100]);

        Assert.Equal(5, predicted.Count);
        Assert.All(predicted, c => Assert.Equal(3, c[0]));
    }

    [Fact]
    public void A_box_of_the_wrong_rank_or_an_empty_extent_is_refused()
    {
        var predictor = new ChunkAccessPredictor([10, 10], Walk4);

        Assert.Throws<ArgumentException>(() => predictor.Observe([1], [1]));
        Assert.Throws<ArgumentException>(() => predictor.Observe([1, 1], [1, 0]));
        Assert.Throws<CacheConfigException>(() => new ChunkAccessPredictor([10], new PrefetchConfig { NeighborChunks = 0 }));
    }
}
