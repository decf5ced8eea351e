import { describe, expect, it } from 'vitest';
import { coordinateProblem, locationOf } from './store-location';

describe('store location', () => {
    it('takes both coordinates within range, or neither', () => {
        expect(coordinateProblem('', '', 90)).toBeNull();
        expect(coordinateProblem(56.8389, 60.6057, 90)).toBeNull();
        expect(coordinateProblem(-90, 0, 90)).toBeNull();
        expect(coordinateProblem(95, 60, 90)).toBe('range');
        expect(coordinateProblem(-180.5, 0, 180)).toBe('range');
        expect(coordinateProblem('', 60.6, 90)).toBe('pair');
    });

    it('gives the API a location only when both are typed', () => {
        expect(locationOf(56.8389, 60.6057)).toEqual({ lat: 56.8389, lon: 60.6057 });
        expect(locationOf('', '')).toBeNull();
        expect(locationOf(0, 0)).toEqual({ lat: 0, lon: 0 });
    });
});
