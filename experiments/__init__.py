"""Experiments on the InterLodge model: single runs, validation, designs, runners, analysis.

Everything here uses the model through its public interface (`model.InterLodgeModel`,
`model.preset_parameters`, `InterLodgeModel.daily_table`); the model knows nothing of it.
"""
